namespace Multinet.KubeApi.Storage;

internal enum WriteAction
{
    Put,
    Delete,
    NoOp,
}
