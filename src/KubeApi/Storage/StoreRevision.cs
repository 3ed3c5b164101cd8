namespace Multinet.KubeApi.Storage;

/// <summary>The single row holding the store's revision: the last resourceVersion handed out, like etcd's revision.</summary>
internal sealed class StoreRevision
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Value { get; set; }
}
