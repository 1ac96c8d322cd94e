using BeamConformance.Engine;
using BeamConformance.ReferenceRunner.Translation.Internal.Preparers;
using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>
/// Greedy fusion of one pipeline. Leaves are visited producers first; an SDK leaf joins the stage that
/// produces its main input (or, failing that, a stage already reading the same input: sibling fusion) when
/// the environment is the same and none of its side inputs is produced by that stage or downstream of it;
/// otherwise it starts a new stage. A stateful ParDo (user state) always starts a new stage. Runner-side leaves (those whose family is a <see cref="RunnerTransformPreparer"/>)
/// sit between stages, planned by their family.
/// </summary>
internal sealed class Fuser(Proto.Pipeline pipeline, TranslationOptions options)
{
    private readonly List<FusionUnit> _units = [];
    private readonly HashSet<FusionUnit> _placed = [];
    private readonly Dictionary<Leaf, FusionUnit> _unitOf = [];
    private readonly Dictionary<string, List<StageDraft>> _stagesReading = [];
    private readonly HashSet<string> _stageIds = [];
    private readonly HashSet<string> _testStreamStageIds = [];
    private readonly HashSet<string> _pcollectionIds = [];
    private PipelineGraph _graph = null!;
    private WireCodings _codings = null!;

    public FusedPipeline Run()
    {
        _graph = PipelineGraph.Build(pipeline, drain: options.Drain);
        var problems = Validator.Problems(pipeline, _graph, options);
        if (problems.Count > 0)
        {
            throw new PipelineTranslationException(problems);
        }

        _testStreamStageIds.UnionWith(TestStreamTranslator.OutputStageIds(_graph).Values);
        foreach (var leaf in _graph.Leaves)
        {
            Place(leaf);
        }

        _codings = new WireCodings(_graph);
        AdaptFlattenInputs();
        AddSinks();
        return Assemble();
    }

    private void Place(Leaf leaf)
    {
        FusionUnit unit;
        if (!leaf.RunsInSdk)
        {
            unit = new RunnerDraft(leaf);
        }
        else
        {
            var stage = FindStageToJoin(leaf);
            if (stage is null)
            {
                stage = NewStage(leaf.EnvironmentId, "stage" + (_stageIds.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                stage.Inputs.AddRange(leaf.MainInputs.Distinct());
                if (stage.Inputs.Count == 1)
                {
                    (_stagesReading.TryGetValue(stage.Inputs[0], out var readers) ? readers : _stagesReading[stage.Inputs[0]] = []).Add(stage);
                }
            }

            stage.Add(leaf);
            unit = stage;
        }

        if (_placed.Add(unit))
        {
            _units.Add(unit);
        }

        _unitOf[leaf] = unit;
    }

    private StageDraft? FindStageToJoin(Leaf leaf)
    {
        // A stateful ParDo starts its own stage: the runner must know the key of every element it processes (its state
        // keys, the keys of its timers), so its input comes from the runner, as Java's GreedyPipelineFuser and Prism do. So
        // does a splittable DoFn's Process part: the runner's split requests address its data input (Python's FnApiRunner
        // and Prism).
        if (leaf.MainInputs.Count != 1 || leaf.Preparer.StartsOwnStage(leaf))
        {
            return null;
        }

        var input = leaf.MainInputs[0];
        var candidates = new List<StageDraft>();
        if (_unitOf[_graph.Producers[input]] is StageDraft producer)
        {
            candidates.Add(producer);
        }

        candidates.AddRange(_stagesReading.GetValueOrDefault(input) ?? []);
        return candidates.FirstOrDefault(s => s.EnvironmentId == leaf.EnvironmentId
            && leaf.SideInputs.All(side => !DependsOn(_unitOf[_graph.Producers[side.PCollection]], s)));
    }

    // True when `from` is `target` or reads, directly or not, something `target` produces.
    private bool DependsOn(FusionUnit from, StageDraft target)
    {
        var seen = new HashSet<FusionUnit>();
        var pending = new Stack<FusionUnit>([from]);
        while (pending.TryPop(out var unit))
        {
            if (unit == target)
            {
                return true;
            }

            if (seen.Add(unit))
            {
                foreach (var input in unit.ExternalInputs)
                {
                    pending.Push(_unitOf[_graph.Producers[input]]);
                }
            }
        }

        return false;
    }

    // Stage ids are engine stage ids: unique among stages, the runner-side transforms (named by their transform ids)
    // and the TestStream outputs' stages.
    private StageDraft NewStage(string environmentId, string stem)
    {
        var id = stem;
        for (var n = 2; _graph.Components.Transforms.ContainsKey(id) || _stageIds.Contains(id) || _testStreamStageIds.Contains(id); n++)
        {
            id = stem + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        _stageIds.Add(id);
        return new StageDraft(id, environmentId);
    }

    // A PCollection produced in a stage and read by any other unit leaves the stage through a data sink (after the
    // Flatten adaptations, which add their own sinks).
    private void AddSinks()
    {
        var readOutside = new HashSet<(StageDraft, string)>();
        foreach (var unit in _units)
        {
            // A Flatten reads its adapted inputs (already written by their own sinks), not the originals.
            var reads = unit is RunnerDraft runner ? runner.EngineInputs.Where(_graph.Producers.ContainsKey) : unit.ExternalInputs;
            foreach (var input in reads)
            {
                if (_unitOf[_graph.Producers[input]] is StageDraft producer && producer != unit)
                {
                    readOutside.Add((producer, input));
                }
            }
        }

        foreach (var stage in _units.OfType<StageDraft>())
        {
            foreach (var output in stage.Members.SelectMany(static m => m.Outputs).Distinct().Where(o => readOutside.Contains((stage, o))))
            {
                stage.Sinks.Add((output, output, output));
            }
        }
    }

    // Flatten passes bytes through, so each input must already be encoded as the output is: a stage producing an
    // input in another coder writes it a second time in the output's coder; a runner-side producer gets a small
    // transcoding stage (data source in the input's coding straight into a data sink in the output's). The same
    // is done for an input listed twice, so the engine sees two distinct inputs.
    private void AdaptFlattenInputs()
    {
        foreach (var flatten in _units.OfType<RunnerDraft>().Where(static r => r.Leaf.Preparer is FlattenPreparer).ToList())
        {
            var output = flatten.Leaf.Outputs[0];
            var seen = new HashSet<string>();
            for (var i = 0; i < flatten.EngineInputs.Count; i++)
            {
                var input = flatten.EngineInputs[i];
                var repeated = !seen.Add(input);
                if (!repeated && _codings.SameEncoding(input, output))
                {
                    continue;
                }

                // A PCollection flattened with itself is read twice: the second read gets its own engine PCollection.
                var adapted = NewPCollectionId(input + "@" + flatten.Leaf.Id + (repeated ? "#" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : ""));
                switch (_unitOf[_graph.Producers[input]])
                {
                    case StageDraft producer:
                        producer.Sinks.Add((input, adapted, output));
                        break;
                    default:
                        var transcoder = NewStage(TranscodingEnvironment(flatten.Leaf), "transcode" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "_" + flatten.Leaf.Id);
                        transcoder.Inputs.Add(input);
                        transcoder.Sinks.Add((input, adapted, output));
                        _units.Add(transcoder);
                        break;
                }

                _codings.Alias(adapted, output);
                flatten.EngineInputs[i] = adapted;
            }
        }
    }

    // Engine PCollection ids made by the fuser: unique among the pipeline's PCollections (a user PCollection may be
    // named like one, e.g. "nums@Flat#2") and the ids made before.
    private string NewPCollectionId(string stem)
    {
        var id = stem;
        for (var n = 2; _graph.Components.Pcollections.ContainsKey(id) || _pcollectionIds.Contains(id); n++)
        {
            id = stem + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        _pcollectionIds.Add(id);
        return id;
    }

    private string TranscodingEnvironment(Leaf flatten)
    {
        var environment = flatten.Transform.EnvironmentId;
        if (environment.Length > 0 && _graph.Components.Environments.ContainsKey(environment))
        {
            return environment;
        }

        return _graph.Leaves.Where(static l => l.RunsInSdk).Select(static l => l.EnvironmentId).FirstOrDefault()
            ?? throw new PipelineTranslationException([new(flatten.Id, "flatten", flatten.Id, "inputs use different coders and the pipeline has no SDK environment to re-encode them in")]);
    }

    private FusedPipeline Assemble()
    {
        var stages = new List<ExecutableStagePlan>();
        var runnerTransforms = new List<RunnerTransformPlan>();
        foreach (var unit in _units)
        {
            if (unit is RunnerDraft runner)
            {
                runnerTransforms.Add(RunnerPlan(runner));
            }
        }

        foreach (var stage in _units.OfType<StageDraft>())
        {
            stages.Add(DescriptorFactory.Plan(stage, _graph, _codings));
        }

        return new FusedPipeline(pipeline, stages, runnerTransforms, _codings.All());
    }

    private RunnerTransformPlan RunnerPlan(RunnerDraft runner)
    {
        var leaf = runner.Leaf;
        foreach (var output in leaf.Outputs)
        {
            // Every output (a TestStream has one per tag); the plan names the first.
            _codings.Ensure(output);
        }

        var preparer = leaf.Preparer as RunnerTransformPreparer
            ?? throw new InvalidOperationException($"ReferenceRunner bug: leaf '{leaf.Id}' of family {leaf.Preparer.Family} is not runner-side");
        return preparer.Plan(_graph, leaf, [.. runner.EngineInputs.Select(static i => new PCollectionId(i))], new PCollectionId(leaf.Outputs[0]));
    }
}
