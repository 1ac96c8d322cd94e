using BeamConformance.ReferenceRunner.FnApi;
using BeamConformance.ReferenceRunner.Translation;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>
/// One runner-initiated split of a bundle's single data input. Of an ordinary stage it is asked before any data is sent
/// (<see cref="BundleRequest.BeforeInputs"/>): a ProcessBundleSplitRequest with one DesiredSplit (the mode's fraction,
/// <c>estimated_input_elements</c> = the bundle's element count, <c>allowed_split_points</c> 1 .. n-1). Of a stage
/// started by a splittable DoFn (<c>splittable</c>) it is asked after the data
/// (<see cref="BundleRequest.AfterInputs"/>), with no allowed split points, as Python's FnApiRunner asks: the SDK may then
/// split inside the element it is processing (primary and residual roots, <see cref="ElementSplitRoots"/>). The answer
/// is checked. An empty answer is asked again after 50, 100 and 200 ms (an SDK that has not started the bundle
/// yet answers so; Python's FnApiRunner retries the same way) and is then "no split". The waits are on the job's clock.
/// Split mode progress asks it mid-bundle instead (<see cref="ProgressSplitLoop"/>), without retries.
/// </summary>
internal sealed class ChannelSplitRequest(
    WorkerConnection connection,
    string jobId,
    string instructionId,
    string transformId,
    int elementCount,
    double fraction,
    TimeProvider jobTimeProvider,
    ILogger logger,
    bool retryEmpty = true,
    SplittableBundle? splittable = null)
{
    /// <summary>The residual root of an element split (a splittable DoFn's), or null.</summary>
    public Engine.ResidualRoot? ResidualRoot { get; private set; }

    private static readonly TimeSpan[] Retries = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)];

    /// <summary>The index of the first element the SDK will not process (the residual's first), or null when it did not split.</summary>
    public int? FirstResidualElement { get; private set; }

    /// <summary>Asks for the split and records the answer.</summary>
    /// <exception cref="InvalidSplitException">The answer is inconsistent (names the instruction and the field).</exception>
    /// <exception cref="WorkerDisconnectedException">The worker left.</exception>
    public async Task AskAsync(Func<bool> instructionFinished, CancellationToken cancellationToken)
    {
        var desired = new ProcessBundleSplitRequest.Types.DesiredSplit { FractionOfRemainder = fraction, EstimatedInputElements = elementCount };
        for (long point = 1; splittable is null && point < elementCount; point++)
        {
            desired.AllowedSplitPoints.Add(point);
        }

        var split = new ProcessBundleSplitRequest { InstructionId = instructionId };
        split.DesiredSplits[transformId] = desired;
        for (var attempt = 0; ; attempt++)
        {
            var response = await connection.SendInstructionAsync(new InstructionRequest { ProcessBundleSplit = split.Clone() }, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(response.Error))
            {
                SplitLog.NoSplit(logger, jobId, instructionId, fraction, "the SDK answered an error: " + response.Error);
                return;
            }

            var answer = response.ProcessBundleSplit ?? new ProcessBundleSplitResponse();
            if (!answer.Equals(new ProcessBundleSplitResponse()))
            {
                Accept(answer);
                return;
            }

            if (!retryEmpty || attempt == Retries.Length || instructionFinished())
            {
                SplitLog.NoSplit(logger, jobId, instructionId, fraction, "empty ProcessBundleSplitResponse");
                return;
            }

            await Task.Delay(Retries[attempt], jobTimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Accept(ProcessBundleSplitResponse answer)
    {
        var elementSplit = answer.PrimaryRoots.Count > 0 || answer.ResidualRoots.Count > 0;
        if (elementSplit && splittable is null)
        {
            throw Inconsistent($"primary_roots ({answer.PrimaryRoots.Count}) / residual_roots ({answer.ResidualRoots.Count}) are element splits, but the bundle has no splittable DoFn");
        }

        if (elementSplit && (answer.PrimaryRoots.Count != 1 || answer.ResidualRoots.Count != 1))
        {
            throw Inconsistent($"primary_roots ({answer.PrimaryRoots.Count}) / residual_roots ({answer.ResidualRoots.Count}): an element split of the one data input has one of each");
        }

        if (answer.ChannelSplits.Count != 1)
        {
            throw Inconsistent($"channel_splits has {answer.ChannelSplits.Count} entries; one was asked, for transform '{transformId}'");
        }

        var channel = answer.ChannelSplits[0];
        if (channel.TransformId != transformId)
        {
            throw Inconsistent($"channel_splits[0].transform_id '{channel.TransformId}' is not the bundle's data input '{transformId}'");
        }

        if (channel.FirstResidualElement <= channel.LastPrimaryElement)
        {
            throw Inconsistent($"channel_splits[0].first_residual_element ({channel.FirstResidualElement}) is not after last_primary_element ({channel.LastPrimaryElement})");
        }

        if (channel.LastPrimaryElement < -1 || channel.LastPrimaryElement >= elementCount)
        {
            throw Inconsistent($"channel_splits[0].last_primary_element ({channel.LastPrimaryElement}) is outside the bundle's {elementCount} elements (-1 .. {elementCount - 1})");
        }

        if (channel.FirstResidualElement > elementCount)
        {
            throw Inconsistent($"channel_splits[0].first_residual_element ({channel.FirstResidualElement}) is beyond the bundle's {elementCount} elements (at most {elementCount})");
        }

        if (elementSplit)
        {
            if (channel.FirstResidualElement != channel.LastPrimaryElement + 2)
            {
                throw Inconsistent($"channel_splits[0] ({channel.LastPrimaryElement}, {channel.FirstResidualElement}) with an element split must leave exactly the split element between last_primary_element and first_residual_element");
            }

            var index = channel.LastPrimaryElement + 1;
            ResidualRoot = ElementSplitRoots.Read(answer, splittable!.Root, splittable.Input, (index, splittable.Elements[(int)index]), Inconsistent);
        }
        else if (channel.FirstResidualElement != channel.LastPrimaryElement + 1)
        {
            throw Inconsistent($"channel_splits[0].first_residual_element ({channel.FirstResidualElement}) leaves elements {channel.LastPrimaryElement + 1} .. {channel.FirstResidualElement - 1} to no one: last_primary_element is {channel.LastPrimaryElement} and there are no element splits");
        }

        FirstResidualElement = (int)channel.FirstResidualElement;
        SplitLog.Split(logger, jobId, instructionId, fraction, elementCount, channel.LastPrimaryElement, channel.FirstResidualElement);
    }

    private InvalidSplitException Inconsistent(string what) =>
        new($"ProcessBundleSplitResponse for instruction '{instructionId}' is inconsistent: {what}");
}
