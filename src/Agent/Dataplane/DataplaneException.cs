namespace Multinet.Agent.Dataplane;

/// <summary>A dataplane call the dataplane refused, with the API error it returned (VPP's <c>retval</c> name).</summary>
public sealed class DataplaneException : Exception
{
    public DataplaneException()
        : this("The dataplane refused the call.", "VNET_API_ERROR_UNSPECIFIED")
    {
    }

    public DataplaneException(string message)
        : this(message, "VNET_API_ERROR_UNSPECIFIED")
    {
    }

    public DataplaneException(string message, Exception innerException)
        : base(message, innerException)
    {
        ApiError = "VNET_API_ERROR_UNSPECIFIED";
    }

    public DataplaneException(string message, string apiError)
        : base(message)
    {
        ApiError = apiError;
    }

    /// <summary>The API error name, e.g. <c>VNET_API_ERROR_NO_SUCH_FIB</c>.</summary>
    public string ApiError { get; }
}
