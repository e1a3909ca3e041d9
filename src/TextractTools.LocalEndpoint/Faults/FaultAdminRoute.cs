using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using TextractTools.LocalEndpoint.Hosting;

namespace TextractTools.LocalEndpoint.Faults
{
    /// <summary>
    /// /_admin/faults: changes the fault plan of a running endpoint without SigV4 (a test script has no signer at
    /// hand). Answers callers on the loopback interface only. GET shows the plan and the statistics, POST or PUT
    /// replaces the plan with the JSON body (the shape of --faults FILE), DELETE removes every fault;
    /// DELETE /_admin/faults/statistics sets the counters back to zero.
    /// </summary>
    internal static class FaultAdminRoute
    {
        public const string Path = "/_admin/faults";
        private const string StatisticsPath = Path + "/statistics";
        private const string ContentType = "application/json";

        public static bool Matches(IncomingRequest request) =>
            request.RawPath.TrimEnd('/').Equals(Path, StringComparison.Ordinal) || request.RawPath.TrimEnd('/').Equals(StatisticsPath, StringComparison.Ordinal);

        public static HttpReply Handle(FaultInjector faults, IncomingRequest request, IPAddress? remoteAddress)
        {
            // The listener is bound to 127.0.0.1 already; this keeps the route closed should that ever change.
            if (remoteAddress is null || !IPAddress.IsLoopback(remoteAddress)) return Message(403, "The fault admin route answers loopback callers only.");
            var statistics = request.RawPath.TrimEnd('/').Equals(StatisticsPath, StringComparison.Ordinal);
            try
            {
                switch (request.Method)
                {
                    case "GET":
                        return Json(w => Write(w, faults, statistics));
                    case "DELETE" when statistics:
                        faults.ResetStatistics();
                        return Json(w => Write(w, faults, true));
                    case "DELETE":
                        faults.Clear();
                        return Json(w => Write(w, faults, false));
                    case "POST" or "PUT" when !statistics:
                        faults.Configure(FaultPlan.FromJson(Encoding.UTF8.GetString(request.Body)));
                        return Json(w => Write(w, faults, false));
                    default:
                        return Message(405, $"{request.Method} is not allowed on {request.RawPath}: use GET, POST, PUT or DELETE (see FAULTS.md).");
                }
            }
            catch (FaultPlanException e)
            {
                return Message(400, e.Message);
            }
        }

        private static void Write(Utf8JsonWriter w, FaultInjector faults, bool statisticsOnly)
        {
            if (!statisticsOnly)
            {
                w.WritePropertyName("plan");
                using var plan = JsonDocument.Parse(faults.Plan.ToJson());
                plan.RootElement.WriteTo(w);
            }
            var stats = faults.Statistics;
            w.WriteStartObject("statistics");
            w.WriteNumber("jobsFailed", stats.JobsFailed);
            w.WriteNumber("jobsPartial", stats.JobsPartial);
            w.WriteNumber("jobsLateOutput", stats.JobsLateOutput);
            w.WriteStartObject("operations");
            foreach (var o in stats.Operations.Values.OrderBy(o => o.Operation, StringComparer.Ordinal))
            {
                w.WriteStartObject(o.Operation);
                w.WriteNumber("calls", o.Calls);
                w.WriteNumber("throttled", o.Throttled);
                w.WriteNumber("rateLimited", o.RateLimited);
                w.WriteNumber("serverErrors", o.ServerErrors);
                w.WriteNumber("dropped", o.Dropped);
                w.WriteNumber("delayed", o.Delayed);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }

        private static HttpReply Json(Action<Utf8JsonWriter> writeMembers)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                writeMembers(w);
                w.WriteEndObject();
            }
            return new HttpReply(200).WithBody(buffer.ToArray(), ContentType);
        }

        private static HttpReply Message(int status, string message) =>
            new HttpReply(status).WithText(JsonSerializer.Serialize(new { message }), ContentType);
    }
}
