using BeamConformance.Model.Coders;
using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.Execution.Internal;
using BeamConformance.ReferenceRunner.Tests.FnApi;
using BeamConformance.ReferenceRunner.Tests.Translation;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Execution;

/// <summary>
/// How the runner reads a progress answer's read index and work MonitoringInfos (metrics.proto WORK_COMPLETED /
/// WORK_REMAINING, type beam:metrics:progress:v1), and that a malformed one is a job warning, once per bundle, never a failure.
/// </summary>
public sealed class ProgressAnswerTests
{
    private const string Completed = "beam:metric:ptransform_progress:completed:v1";
    private const string Remaining = "beam:metric:ptransform_progress:remaining:v1";
    private const string ProgressType = "beam:metrics:progress:v1";

    [Fact]
    public void A_well_formed_answer_gives_the_read_index_and_each_transforms_work()
    {
        var answer = ProgressAnswer.Read(
            [ReadIndex("src", 2), Work(Completed, "p", 1.5, 2), Work(Remaining, "p", 4.5, 0), ReadIndex("other", 9)], "src");

        Assert.Equal(2, answer.ReadIndex);
        Assert.Empty(answer.Problems);
        Assert.Equal([1.5, 2.0], answer.Work["p"].Completed);
        Assert.Equal([4.5, 0.0], answer.Work["p"].Remaining);
        Assert.Equal(3.5, answer.CompletedOf("p"));
        Assert.Equal(4.5, answer.RemainingOf("p"));
        Assert.Null(answer.RemainingOf("q"));
    }

    public static TheoryData<string, string> Malformed => new()
    {
        // Wrong type URN.
        { "type", $"{Remaining} (PTRANSFORM 'p'): type 'beam:metrics:sum_double:v1' is not {ProgressType}" },
        // No PTRANSFORM label.
        { "label", $"{Remaining}: no PTRANSFORM label (metrics.proto requires it)" },
        // A count of 2 but one double: truncated.
        { "truncated", $"{Remaining} (PTRANSFORM 'p'): payload 000000024010000000000000 is not an iterable of doubles ({ProgressType})" },
        // Negative work.
        { "negative", $"{Remaining} (PTRANSFORM 'p'): value -1 is not a finite amount of work at least 0" },
        // Not a number.
        { "nan", $"{Remaining} (PTRANSFORM 'p'): value NaN is not a finite amount of work at least 0" },
        // Completed has one value per active element, remaining two.
        { "lengths", $"work of transform 'p': {Completed} has 1 value(s) but {Remaining} has 2; both have one per active element" },
        // The read index is not a varint.
        { "index", "beam:metric:data_channel:read_index:v1 (PTRANSFORM 'src'): payload 80 is not a varint" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_work_or_read_index_info_is_left_out_and_named(string kind, string problem)
    {
        var remaining = kind switch
        {
            "type" => Retyped(Work(Remaining, "p", 4), "beam:metrics:sum_double:v1"),
            "label" => Work(Remaining, null, 4),
            "truncated" => Raw(Remaining, "p", "000000024010000000000000"),
            "negative" => Work(Remaining, "p", -1),
            "nan" => Work(Remaining, "p", double.NaN),
            "lengths" => Work(Remaining, "p", 1, 2),
            _ => Work(Remaining, "p", 4),
        };
        var index = kind == "index" ? new MonitoringInfo { Urn = "beam:metric:data_channel:read_index:v1", Type = "beam:metrics:sum_int64:v1", Payload = ByteString.CopyFrom(new byte[] { 0x80 }) } : ReadIndex("src", 0);
        index.Labels["PTRANSFORM"] = "src";

        var answer = ProgressAnswer.Read([index, Work(Completed, "p", 0), remaining], "src");

        var reported = Assert.Single(answer.Problems);
        Assert.StartsWith(problem, reported, StringComparison.Ordinal);
        Assert.Equal(kind == "index" ? null : 0, answer.ReadIndex);
        Assert.Equal(kind == "index" ? 4 : null, answer.RemainingOf("p"));
    }

    [Fact]
    public async Task Malformed_progress_answers_are_one_job_warning_and_the_job_still_succeeds()
    {
        var messages = new BundleFinalizationTests.Messages();
        var answered = 0;
        await using var server = await FnApiTestServer.StartAsync();
        var launcher = new HarnessLauncher(server.Endpoint, async _ =>
        {
            // Runs long enough for several progress requests (every 20 ms).
            await Task.Delay(TimeSpan.FromMilliseconds(400), TestContext.Current.CancellationToken);
            return new HarnessResult();
        })
        {
            OnConnected = h => h.Progress = _ =>
            {
                Interlocked.Increment(ref answered);
                var response = new ProcessBundleProgressResponse();
                response.MonitoringInfos.Add(Raw(Remaining, "a", "ff"));
                return response;
            },
        };
        var p = new TestPipeline();
        p.ParDo("a", p.Impulse("impulse"), "varint");
        var context = JobExecutorTests.Context("prog1", p.Build(), launcher, messages);

        await new JobExecutor(server.Services, new ExecutionOptions { WorkerConnectTimeout = TimeSpan.FromSeconds(120), ProgressInterval = TimeSpan.FromMilliseconds(20) })
            .ExecuteAsync(context, TestContext.Current.CancellationToken);

        Assert.True(answered >= 2, $"{answered} progress answers");
        var warning = Assert.Single(messages.Texts, static t => t.StartsWith("ProcessBundleProgressResponse", StringComparison.Ordinal));
        Assert.StartsWith("ProcessBundleProgressResponse for instruction 'prog1/bundle-1' from SDK worker '", warning, StringComparison.Ordinal);
        Assert.Contains($"has malformed MonitoringInfos, left out (the bundle goes on): {Remaining} (PTRANSFORM 'a'): payload ff is not an iterable of doubles ({ProgressType})", warning, StringComparison.Ordinal);
    }

    /// <summary>A read index MonitoringInfo (<c>beam:metric:data_channel:read_index:v1</c>) of <paramref name="transform"/>.</summary>
    internal static MonitoringInfo ReadIndex(string transform, long index)
    {
        var info = new MonitoringInfo { Urn = "beam:metric:data_channel:read_index:v1", Type = "beam:metrics:sum_int64:v1", Payload = ByteString.CopyFrom(VarIntCoder.Instance.EncodeToArray(index)) };
        info.Labels["PTRANSFORM"] = transform;
        return info;
    }

    // The payload written by hand: an int32 count, then each value as 8 big-endian bytes (iterable of doubles).
    private static MonitoringInfo Work(string urn, string? transform, params double[] values)
    {
        var hex = values.Length.ToString("x8", System.Globalization.CultureInfo.InvariantCulture)
            + string.Concat(values.Select(static v => BitConverter.DoubleToInt64Bits(v).ToString("x16", System.Globalization.CultureInfo.InvariantCulture)));
        return Raw(urn, transform, hex);
    }

    private static MonitoringInfo Raw(string urn, string? transform, string hex)
    {
        var info = new MonitoringInfo { Urn = urn, Type = ProgressType, Payload = ByteString.CopyFrom(Convert.FromHexString(hex)) };
        if (transform is not null)
        {
            info.Labels["PTRANSFORM"] = transform;
        }

        return info;
    }

    private static MonitoringInfo Retyped(MonitoringInfo info, string type)
    {
        info.Type = type;
        return info;
    }
}
