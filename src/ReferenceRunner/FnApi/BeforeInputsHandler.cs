namespace BeamConformance.ReferenceRunner.FnApi;

/// <summary>
/// Runs after a bundle's ProcessBundleRequest is written to the control stream and before any of its data is sent
/// (the ReferenceRunner asks its channel splits here); the data waits until the returned task completes, and a
/// failure of that task fails the bundle.
/// </summary>
/// <param name="instructionFinished">True once the SDK has answered the ProcessBundleRequest: ask nothing more of it then.</param>
/// <param name="cancellationToken">Cancelled when the bundle ends or the job is cancelled.</param>
public delegate Task BeforeInputsHandler(Func<bool> instructionFinished, CancellationToken cancellationToken);
