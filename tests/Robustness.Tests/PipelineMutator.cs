using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Robustness.Tests;

/// <summary>
/// Mutates a pipeline the way a careless or hostile client could: dangling and garbage ids, unknown URNs, garbage
/// payloads, deep composite and coder nesting, many transforms and many problems, cycles, huge strings, NULs.
/// Each mutation returns a short description for the failure message.
/// </summary>
internal sealed class PipelineMutator(Random random)
{
    private static readonly string[] Urns =
    [
        "beam:transform:impulse:v1", "beam:transform:pardo:v1", "beam:transform:group_by_key:v1", "beam:transform:flatten:v1",
        "beam:transform:combine_per_key:v1", "beam:transform:reshuffle:v1", "beam:transform:teststream:v1", "beam:transform:window_into:v1",
        "beam:transform:combine_per_key_precombine:v1", "beam:coder:kv:v1", "beam:coder:row:v1", "beam:coder:length_prefix:v1",
        "beam:coder:windowed_value:v1", "beam:coder:iterable:v1", "beam:coder:interval_window:v1", "beam:coder:custom_window:v1",
        "beam:window_fn:fixed_windows:v1", "beam:window_fn:session_windows:v1", "beam:env:process:v1", "beam:env:docker:v1",
        "beam:env:anyof:v1", "", "x",
    ];

    /// <summary>Applies 1 to 3 mutations; returns what they were.</summary>
    public string Mutate(Pipeline pipeline)
    {
        var what = new List<string>();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            what.Add(MutateOnce(pipeline));
        }

        return string.Join("; ", what);
    }

    private string MutateOnce(Pipeline p)
    {
        var c = p.Components;
        switch (random.Next(20))
        {
            case 0:
                return Remove(c);
            case 1:
            {
                var t = Pick(c.Transforms);
                var local = t.Value.Inputs.Count > 0 && random.Next(2) == 0 ? "in" : "out";
                var map = local == "in" ? t.Value.Inputs : t.Value.Outputs;
                map[local] = Garbage();
                return $"{local}put of '{t.Key}' is garbage";
            }
            case 2:
            {
                var t = Pick(c.Transforms);
                t.Value.Spec ??= new FunctionSpec();
                t.Value.Spec.Urn = Urn();
                return $"transform '{t.Key}' urn '{t.Value.Spec.Urn}'";
            }
            case 3:
            {
                var t = Pick(c.Transforms);
                t.Value.Spec ??= new FunctionSpec();
                t.Value.Spec.Payload = Bytes();
                return $"transform '{t.Key}' payload garbage";
            }
            case 4:
                return NestComposites(p, random.Next(8) == 0 ? random.Next(200, 40_000) : random.Next(1, 300));
            case 5:
                return NestCoders(c, random.Next(8) == 0 ? random.Next(60, 30_000) : random.Next(1, 80));
            case 6:
            {
                var count = random.Next(40) == 0 ? random.Next(90_000, 110_000) : random.Next(1, 3000);
                for (var i = 0; i < count; i++)
                {
                    c.Transforms[$"stray{i}"] = new PTransform { UniqueName = $"stray{i}", Spec = new FunctionSpec { Urn = random.Next(3) == 0 ? "beam:transform:pardo:v1" : "beam:transform:made_up:v1" }, Inputs = { ["in"] = "impulse.out" }, Outputs = { ["out"] = $"stray{i}.out" } };
                }

                return $"{count} stray transforms";
            }
            case 7:
            {
                var t = Pick(c.Transforms);
                t.Value.Subtransforms.Add(random.Next(2) == 0 ? t.Key : "root");
                return $"'{t.Key}' is a subtransform of itself or of root";
            }
            case 8:
            {
                c.Transforms["pair"].Inputs["in"] = "sum.out";
                return "pair reads sum's output (a cycle)";
            }
            case 9:
            {
                var coder = Pick(c.Coders);
                coder.Value.Spec ??= new FunctionSpec();
                coder.Value.Spec.Urn = Urn();
                if (random.Next(2) == 0)
                {
                    coder.Value.Spec.Payload = Bytes();
                }

                if (random.Next(3) == 0)
                {
                    coder.Value.ComponentCoderIds.Add(random.Next(2) == 0 ? coder.Key : Garbage());
                }

                return $"coder '{coder.Key}' is {coder.Value.Spec.Urn} with {coder.Value.ComponentCoderIds.Count} components";
            }
            case 10:
            {
                var ws = Pick(c.WindowingStrategies).Value;
                ws.WindowFn = new FunctionSpec { Urn = Urn(), Payload = Bytes() };
                ws.MergeStatus = (MergeStatus.Types.Enum)random.Next(-2, 6);
                ws.AccumulationMode = (AccumulationMode.Types.Enum)random.Next(-2, 6);
                ws.OutputTime = (OutputTime.Types.Enum)random.Next(-2, 6);
                ws.AllowedLateness = random.NextInt64(long.MinValue, long.MaxValue);
                ws.WindowCoderId = random.Next(2) == 0 ? "kv" : Garbage();
                return "windowing strategy garbage";
            }
            case 11:
            {
                var trigger = new Trigger { Default = new Trigger.Types.Default() };
                var depth = random.Next(1, 95);
                for (var i = 0; i < depth / 2; i++)
                {
                    trigger = random.Next(2) == 0
                        ? new Trigger { Repeat = new Trigger.Types.Repeat { Subtrigger = trigger } }
                        : new Trigger { AfterAll = new Trigger.Types.AfterAll { Subtriggers = { trigger, new Trigger { Never = new Trigger.Types.Never() } } } };
                }

                Pick(c.WindowingStrategies).Value.Trigger = trigger;
                return $"trigger nested {depth / 2} deep";
            }
            case 12:
            {
                var env = Pick(c.Environments);
                env.Value.Urn = Urn();
                env.Value.Payload = random.Next(2) == 0 ? Bytes() : new AnyOfEnvironmentPayload { Environments = { env.Value.Clone(), env.Value.Clone() } }.ToByteString();
                return $"environment urn '{env.Value.Urn}'";
            }
            case 13:
            {
                var t = Pick(c.Transforms).Value;
                t.EnvironmentId = Garbage();
                return "environment id garbage";
            }
            case 14:
                p.Requirements.Add(random.Next(2) == 0 ? "beam:requirement:pardo:stateful:v1" : Garbage());
                return "requirement";
            case 15:
            {
                var payload = new ParDoPayload { DoFn = new FunctionSpec { Urn = "beam:dofn:fuzz:v1" } };
                payload.SideInputs[random.Next(2) == 0 ? "in" : "side"] = new SideInput { AccessPattern = new FunctionSpec { Urn = Urn() } };
                if (random.Next(2) == 0)
                {
                    payload.StateSpecs["s"] = new StateSpec { BagSpec = new BagStateSpec { ElementCoderId = Garbage() } };
                }

                if (random.Next(2) == 0)
                {
                    payload.RestrictionCoderId = Garbage();
                }

                c.Transforms["sum"].Spec.Payload = payload.ToByteString();
                return "ParDo with side input, state or restriction";
            }
            case 16:
                c.Transforms["other"] = Pipelines.ParDo("other", "impulse.out", "pair.out");
                p.RootTransformIds.Add("other");
                return "two producers of one PCollection";
            case 17:
            {
                var coder = Pick(c.Coders).Value;
                coder.Spec = new FunctionSpec { Urn = "beam:coder:row:v1", Payload = Bytes() };
                coder.ComponentCoderIds.Clear();
                return "row coder with a garbage schema";
            }
            case 18:
                p.RootTransformIds.Add(Garbage());
                return "root id garbage";
            default:
            {
                var id = Garbage();
                c.Transforms[id] = new PTransform { UniqueName = id, Spec = new FunctionSpec { Urn = Urn() }, Outputs = { [Garbage()] = Garbage() } };
                return $"transform with a garbage id of {id.Length} chars";
            }
        }
    }

    private string Remove(Components c)
    {
        switch (random.Next(5))
        {
            case 0: var t = Pick(c.Transforms).Key; c.Transforms.Remove(t); return $"removed transform '{t}'";
            case 1: var pc = Pick(c.Pcollections).Key; c.Pcollections.Remove(pc); return $"removed PCollection '{pc}'";
            case 2: var coder = Pick(c.Coders).Key; c.Coders.Remove(coder); return $"removed coder '{coder}'";
            case 3: c.WindowingStrategies.Clear(); return "removed the windowing strategies";
            default: c.Environments.Clear(); return "removed the environments";
        }
    }

    private string NestComposites(Pipeline p, int depth)
    {
        var child = "root";
        for (var i = 0; i < depth; i++)
        {
            var id = $"nest{i}";
            p.Components.Transforms[id] = new PTransform { UniqueName = id, Subtransforms = { child } };
            child = id;
        }

        p.RootTransformIds.Clear();
        p.RootTransformIds.Add(child);
        return $"composites nested {depth} deep";
    }

    private static string NestCoders(Components c, int depth)
    {
        var inner = "varint";
        for (var i = 0; i < depth; i++)
        {
            var id = $"deep{i}";
            c.Coders[id] = new Coder { Spec = new FunctionSpec { Urn = i % 2 == 0 ? "beam:coder:iterable:v1" : "beam:coder:length_prefix:v1" }, ComponentCoderIds = { inner } };
            inner = id;
        }

        if (!c.Coders.TryGetValue("kv", out var kv))
        {
            c.Coders["kv"] = kv = new Coder { Spec = new FunctionSpec { Urn = "beam:coder:kv:v1" } };
        }

        kv.ComponentCoderIds.Clear();
        kv.ComponentCoderIds.Add(["bytes", inner]);
        return $"coders nested {depth} deep";
    }

    private KeyValuePair<string, T> Pick<T>(Google.Protobuf.Collections.MapField<string, T> map)
    {
        if (map.Count == 0)
        {
            map["added"] = (T)Activator.CreateInstance(typeof(T))!;
        }

        return map.ElementAt(random.Next(map.Count));
    }

    private string Urn() => Urns[random.Next(Urns.Length)];

    private ByteString Bytes()
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        return ByteString.CopyFrom(bytes);
    }

    /// <summary>An id: empty, with a NUL, non-ASCII, up to 1 MB long, or a near miss of a real one.</summary>
    public string Garbage() => random.Next(7) switch
    {
        0 => "",
        1 => "pair.out\0",
        2 => "žluťoučký kůň ✓",
        3 => new string('x', random.Next(1, 4) == 1 ? 1 << 20 : random.Next(256, 5000)),
        4 => "../../etc/passwd",
        5 => "impulse.out ",
        _ => "ghost" + random.Next(100),
    };
}
