namespace BeamConformance.FakeHarness;

/// <summary>
/// What a harness worker needs to reach its runner: the container contract's flags (<c>--id</c>,
/// <c>--control_endpoint</c>, <c>--logging_endpoint</c>, <c>--artifact_endpoint</c>, <c>--provision_endpoint</c>),
/// or the fields of a <c>StartWorkerRequest</c>. Endpoints are <c>host:port</c> or <c>http://host:port</c>.
/// </summary>
/// <param name="WorkerId">The worker id, sent as the <c>worker_id</c> header on every Fn API call.</param>
/// <param name="ControlEndpoint">The runner's BeamFnControl endpoint (required).</param>
/// <param name="LoggingEndpoint">The BeamFnLogging endpoint, or null to log locally only.</param>
/// <param name="ArtifactEndpoint">The artifact retrieval endpoint (unused: the harness has no artifacts), or null.</param>
/// <param name="ProvisionEndpoint">The ProvisionService endpoint (pipeline options are read from it), or null.</param>
public sealed record WorkerEndpoints(
    string WorkerId,
    string ControlEndpoint,
    string? LoggingEndpoint = null,
    string? ArtifactEndpoint = null,
    string? ProvisionEndpoint = null);
