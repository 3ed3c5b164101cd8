namespace Multinet.UnitTests.Web.Auth;

/// <summary>
/// The console with Kubernetes token sign-in configured: ServiceAccounts of namespace <c>ops</c> are operators, the
/// ServiceAccount <c>default/boss</c> is an admin. Its embedded API reviews the tokens.
/// </summary>
public sealed class KubernetesSignInServer() : ConsoleServer(new Dictionary<string, string?>
{
    ["Multinet:Auth:Kubernetes:OperatorGroups:0"] = "system:serviceaccounts:ops",
    ["Multinet:Auth:Kubernetes:AdminUsers:0"] = "system:serviceaccount:default:boss",
});
