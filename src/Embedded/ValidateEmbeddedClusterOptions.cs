using Microsoft.Extensions.Options;

namespace Multinet.Embedded;

internal sealed class ValidateEmbeddedClusterOptions : IValidateOptions<EmbeddedClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddedClusterOptions options) =>
        options.SimulatedNodes is < 0 or > 200
            ? ValidateOptionsResult.Fail($"Multinet:SimulatedNodes {options.SimulatedNodes} must be from 0 to 200.")
            : ValidateOptionsResult.Success;
}
