namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>
/// One field of a message or type, as the .api.json lists it: <c>[type, name]</c>, <c>[type, name, N]</c> (a fixed
/// array, or a NUL-padded string of N bytes), <c>[type, name, 0, "count"]</c> (a variable array whose length is
/// the earlier field <c>count</c>), or <c>["string", name, 0]</c> (a <c>vl_api_string_t</c>: u32 length + bytes).
/// </summary>
/// <param name="Name">The field name.</param>
/// <param name="Type">The element type; <see cref="IsString"/> fields have a null type.</param>
/// <param name="Length">Fixed element count; 0 for variable or scalar fields.</param>
/// <param name="LengthField">For variable arrays counted by an earlier field, that field's name.</param>
/// <param name="IsArray">True when the field is an array (fixed or variable).</param>
/// <param name="IsString">True for <c>string</c> fields.</param>
/// <param name="Default">The JSON <c>default</c> option, used when an encoder is not given the field.</param>
internal sealed record VppField(string Name, VppType? Type, int Length, string? LengthField, bool IsArray, bool IsString, object? Default)
{
    /// <summary>True for a <c>string name[0]</c> field: a u32 length then that many bytes.</summary>
    public bool IsVariableString => IsString && Length == 0;

    /// <summary>True for an array with neither a fixed length nor a counting field: it takes the rest of the message.</summary>
    public bool IsTrailingArray => IsArray && !IsString && Length == 0 && LengthField is null;
}
