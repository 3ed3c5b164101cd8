using k8s;
using k8s.Models;

namespace Multinet.Kube;

/// <summary>Where a <see cref="KindWatchLoop{T}"/> puts what it reads: a full list, then each watch event.</summary>
public interface IKindSink<in T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Replaces everything of the kind with a fresh list (objects that vanished are dropped).</summary>
    void Replace(IEnumerable<T> items);

    void Upsert(T item);

    void Delete(T item);
}
