using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using TextractTools.Engine.Document;
using TextractTools.Engine.Output;

namespace TextractTools.Bench
{
    /// <summary>
    /// Diagnosis, not measurement: where the document model spends its time and allocations. The engine's parser and
    /// builders are internal, so they are reached through reflection (bench only; nothing here is an API).
    ///   pass 1 (cold, like a real run): read the files, parse them into the block store, build the document;
    ///   pass 2 (warm, JIT done): the same input again, with Seal and every builder timed on its own;
    ///   retained memory of the block store and of the finished model.
    /// </summary>
    internal static class ModelProfile
    {
        private static readonly Assembly Engine = typeof(TextractDocumentReader).Assembly;
        private static readonly TextractDocumentOrigin Origin = new TextractDocumentOrigin("bench");

        public static void Run(string folder)
        {
            var phases = new List<Phase>();
            List<RawOutputPage> pages = null!;
            Measure(phases, "1 read files (I/O)", () => pages = TextractDocumentReader.EnumerateFolder(folder).ToList());
            long inputBytes = pages.Sum(p => (long)p.Json.Length);

            long baseline = GC.GetTotalMemory(forceFullCollection: true);
            object store = null!;
            Measure(phases, "1 parse (cold)", () => store = Parse(pages));
            long afterParse = GC.GetTotalMemory(forceFullCollection: true);
            object document = null!;
            Measure(phases, "1 build (cold, Seal + builders)", () => document = Invoke(Type("Building.DocumentBuilder"), "Build", null, store, new DocumentReadOptions(), Origin));
            long afterBuild = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(store);
            GC.KeepAlive(document);
            store = null!;
            document = null!;
            GC.Collect();

            // Floors: what System.Text.Json alone costs over the same bytes (warm after one untimed walk).
            TokenWalk(pages, strings: false);
            Measure(phases, "0 floor: Utf8JsonReader token walk", () => TokenWalk(pages, strings: false));
            Measure(phases, "0 floor: token walk + GetString on every string", () => TokenWalk(pages, strings: true));

            // Warm pass: phases one by one.
            Measure(phases, "2 parse (warm)", () => store = Parse(pages));
            Measure(phases, "2 Seal (resolve ids, order, by type)", () => Invoke(store.GetType(), "Seal", store));
            object content = New("Building.ContentText", store);
            object lineBuilder = New("Building.LineBuilder", store, Origin);
            int count = (int)store.GetType().GetProperty("Count")!.GetValue(store)!;
            var wordOfBlock = new TextractWord?[count];
            var lineOfBlock = new TextractLine?[count];
            object words = null!, lines = null!, keyValues = null!, queries = null!, signatures = null!, layout = null!, tables = null!;
            Measure(phases, "2 LineBuilder.BuildWords", () => words = Invoke(lineBuilder.GetType(), "BuildWords", lineBuilder, (object)wordOfBlock));
            Measure(phases, "2 LineBuilder.BuildLines", () => lines = Invoke(lineBuilder.GetType(), "BuildLines", lineBuilder, wordOfBlock, lineOfBlock));
            Measure(phases, "2 KeyValueBuilder.Build", () => keyValues = Invoke(Type("Building.KeyValueBuilder"), "Build", New("Building.KeyValueBuilder", store, content, Origin)));
            Measure(phases, "2 QueryBuilder.Build", () => queries = Invoke(Type("Building.QueryBuilder"), "Build", New("Building.QueryBuilder", store, Origin)));
            Measure(phases, "2 SignatureBuilder.Build", () => signatures = Invoke(Type("Building.SignatureBuilder"), "Build", null, store, Origin));
            object layoutBuilder = New("Building.LayoutBuilder", store, lineOfBlock, Origin, 0);
            Measure(phases, "2 LayoutBuilder.Build", () => layout = Invoke(layoutBuilder.GetType(), "Build", layoutBuilder));
            Measure(phases, "2 TableBuilder.Build", () => tables = Invoke(Type("Building.TableBuilder"), "Build", New("Building.TableBuilder", store, content, Origin, 0)));
            object parts = New("DocumentParts");
            SetField(parts, "Words", words);
            SetField(parts, "Lines", lines);
            SetField(parts, "KeyValues", keyValues);
            SetField(parts, "Queries", queries);
            SetField(parts, "Signatures", signatures);
            SetField(parts, "Layout", layout);
            SetField(parts, "Tables", tables);
            int pageCount = (int)Invoke(Type("Building.PageBuilder"), "HighestPage", null, store);
            // The reading-order content is made on first use of the text, through a Lazy<DocumentContent> the pages share.
            Type contentType = Type("DocumentContent");
            MethodInfo buildContent = Type("Building.ContentBuilder").GetMethod("Build", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;
            Delegate makeContent = System.Linq.Expressions.Expression.Lambda(typeof(Func<>).MakeGenericType(contentType),
                System.Linq.Expressions.Expression.Call(buildContent, System.Linq.Expressions.Expression.Constant(store),
                    System.Linq.Expressions.Expression.Constant(parts), System.Linq.Expressions.Expression.Constant(1),
                    System.Linq.Expressions.Expression.Constant(pageCount))).Compile();
            object lazyContent = Activator.CreateInstance(typeof(Lazy<>).MakeGenericType(contentType), makeContent)!;
            SetField(parts, "Content", lazyContent);
            object pageBuilder = New("Building.PageBuilder", store, lazyContent, Origin);
            object pageList = null!;
            Measure(phases, "2 PageBuilder.Build (counts)", () => pageList = Invoke(pageBuilder.GetType(), "Build", pageBuilder, 1, pageCount, parts));
            Measure(phases, "2 first Text: content (claims, reading order) + join", () =>
                string.Join("\n\n", ((IEnumerable)pageList).Cast<TextractPage>().Select(p => p.Text).Where(t => t.Length > 0)));

            Console.WriteLine($"input: {pages.Count} objects, {inputBytes / 1048576.0:0.0} MB, {count} blocks");
            Console.WriteLine($"{"phase",-52} {"ms",9} {"MB/s",8} {"alloc MB",9} {"gen0/1/2",10}");
            foreach (Phase phase in phases)
            {
                Console.WriteLine($"{phase.Name,-52} {phase.Ms,9:0.0} {inputBytes / 1048576.0 / (phase.Ms / 1000),8:0} {phase.AllocatedMB,9:0.0} {phase.Collections,10}");
            }
            Console.WriteLine($"retained: block store {(afterParse - baseline) / 1048576.0:0.0} MB; store + model {(afterBuild - baseline) / 1048576.0:0.0} MB " +
                              $"(input held in memory for this diagnosis, not counted)");
            Console.WriteLine($"peak RSS (VmHWM) {Program.PeakRssKb() / 1024.0:0} MB (inflated here: all input is held at once)");
        }

        private static long TokenWalk(List<RawOutputPage> pages, bool strings)
        {
            long tokens = 0;
            foreach (RawOutputPage page in pages)
            {
                var reader = new System.Text.Json.Utf8JsonReader(page.Json.Span);
                while (reader.Read())
                {
                    tokens++;
                    if (strings && reader.TokenType == System.Text.Json.JsonTokenType.String) tokens += reader.GetString()!.Length;
                }
            }
            return tokens;
        }

        private static object Parse(List<RawOutputPage> pages)
        {
            object store = New("Parsing.BlockStore", 256);
            object parser = New("Parsing.OutputJsonParser", store, false);
            MethodInfo parse = parser.GetType().GetMethod("Parse", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!;
            var args = new object[1];
            foreach (RawOutputPage page in pages)
            {
                args[0] = page;
                parse.Invoke(parser, args);
            }
            return store;
        }

        private sealed class Phase
        {
            public string Name = string.Empty;
            public double Ms;
            public double AllocatedMB;
            public string Collections = string.Empty;
        }

        private static void Measure(List<Phase> phases, string name, Action action)
        {
            int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            action();
            clock.Stop();
            phases.Add(new Phase
            {
                Name = name,
                Ms = clock.Elapsed.TotalMilliseconds,
                AllocatedMB = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0,
                Collections = $"{GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}",
            });
        }

        private static Type Type(string name) =>
            Engine.GetType("TextractTools.Engine.Document." + name, throwOnError: true)!;

        private static object New(string typeName, params object[] args) =>
            Activator.CreateInstance(Type(typeName), BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null, args, null)!;

        private static object Invoke(Type type, string method, object? target, params object[] args)
        {
            MethodInfo info = type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Single(m => m.Name == method && m.GetParameters().Length == args.Length);
            return info.Invoke(target, args)!;
        }

        private static void SetField(object target, string name, object value) =>
            target.GetType().GetField(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!.SetValue(target, value);
    }
}
