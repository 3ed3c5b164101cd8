namespace Multinet.Web.KubeApi.Storage;

internal enum WriteAction
{
    Put,
    Delete,
    NoOp,
}
