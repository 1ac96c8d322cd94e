using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>The snake-case kind names of StateKey variants and their common fields.</summary>
internal static class StateKinds
{
    public static string Of(StateKey key) => key.TypeCase switch
    {
        StateKey.TypeOneofCase.Runner => "runner",
        StateKey.TypeOneofCase.IterableSideInput => "iterable_side_input",
        StateKey.TypeOneofCase.MultimapSideInput => "multimap_side_input",
        StateKey.TypeOneofCase.MultimapKeysSideInput => "multimap_keys_side_input",
        StateKey.TypeOneofCase.MultimapKeysValuesSideInput => "multimap_keys_values_side_input",
        StateKey.TypeOneofCase.BagUserState => "bag_user_state",
        StateKey.TypeOneofCase.MultimapKeysUserState => "multimap_keys_user_state",
        StateKey.TypeOneofCase.MultimapUserState => "multimap_user_state",
        StateKey.TypeOneofCase.OrderedListUserState => "ordered_list_user_state",
        _ => "none",
    };

    public static string TransformId(StateKey key) => key.TypeCase switch
    {
        StateKey.TypeOneofCase.IterableSideInput => key.IterableSideInput.TransformId,
        StateKey.TypeOneofCase.MultimapSideInput => key.MultimapSideInput.TransformId,
        StateKey.TypeOneofCase.MultimapKeysSideInput => key.MultimapKeysSideInput.TransformId,
        StateKey.TypeOneofCase.MultimapKeysValuesSideInput => key.MultimapKeysValuesSideInput.TransformId,
        StateKey.TypeOneofCase.BagUserState => key.BagUserState.TransformId,
        StateKey.TypeOneofCase.MultimapKeysUserState => key.MultimapKeysUserState.TransformId,
        StateKey.TypeOneofCase.MultimapUserState => key.MultimapUserState.TransformId,
        StateKey.TypeOneofCase.OrderedListUserState => key.OrderedListUserState.TransformId,
        _ => string.Empty,
    };

    public static (byte[] Window, byte[] Key) WindowAndKey(StateKey key) => key.TypeCase switch
    {
        StateKey.TypeOneofCase.Runner => ([], key.Runner.Key.ToByteArray()),
        StateKey.TypeOneofCase.IterableSideInput => (key.IterableSideInput.Window.ToByteArray(), []),
        StateKey.TypeOneofCase.MultimapSideInput => (key.MultimapSideInput.Window.ToByteArray(), key.MultimapSideInput.Key.ToByteArray()),
        StateKey.TypeOneofCase.MultimapKeysSideInput => (key.MultimapKeysSideInput.Window.ToByteArray(), []),
        StateKey.TypeOneofCase.MultimapKeysValuesSideInput => (key.MultimapKeysValuesSideInput.Window.ToByteArray(), []),
        StateKey.TypeOneofCase.BagUserState => (key.BagUserState.Window.ToByteArray(), key.BagUserState.Key.ToByteArray()),
        StateKey.TypeOneofCase.MultimapKeysUserState => (key.MultimapKeysUserState.Window.ToByteArray(), key.MultimapKeysUserState.Key.ToByteArray()),
        StateKey.TypeOneofCase.MultimapUserState => (key.MultimapUserState.Window.ToByteArray(), key.MultimapUserState.Key.ToByteArray()),
        StateKey.TypeOneofCase.OrderedListUserState => (key.OrderedListUserState.Window.ToByteArray(), key.OrderedListUserState.Key.ToByteArray()),
        _ => ([], []),
    };

    /// <summary>The user state id of a user-state key (<c>user_state_id</c>), else null.</summary>
    public static string? UserStateId(StateKey key) => key.TypeCase switch
    {
        StateKey.TypeOneofCase.BagUserState => key.BagUserState.UserStateId,
        StateKey.TypeOneofCase.MultimapKeysUserState => key.MultimapKeysUserState.UserStateId,
        StateKey.TypeOneofCase.MultimapUserState => key.MultimapUserState.UserStateId,
        StateKey.TypeOneofCase.OrderedListUserState => key.OrderedListUserState.UserStateId,
        _ => null,
    };
}
