using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Multinet.Web.Auth;

/// <summary>
/// The agents' gateway is not a browser surface: a call carrying the console's session cookie or a personal API token
/// is refused (PermissionDenied), whatever credentials the agents themselves use.
/// </summary>
internal sealed class BrowserIdentityInterceptor : Interceptor
{
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Refuse(context);
        return base.DuplexStreamingServerHandler(requestStream, responseStream, context, continuation);
    }

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Refuse(context);
        return base.UnaryServerHandler(request, context, continuation);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Refuse(context);
        return base.ClientStreamingServerHandler(requestStream, context, continuation);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Refuse(context);
        return base.ServerStreamingServerHandler(request, responseStream, context, continuation);
    }

    private static void Refuse(ServerCallContext context)
    {
        var request = context.GetHttpContext().Request;
        if (request.Cookies.ContainsKey(AuthServiceCollectionExtensions.CookieName)
            || request.Headers.Authorization.ToString().Contains(ApiTokenService.Prefix, StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "The agent gateway does not accept console sign-ins or personal API tokens."));
        }
    }
}
