using System.Collections.Generic;
using TextractTools.LocalEndpoint.Kms;

namespace TextractTools.LocalEndpoint.Hosting
{
    /// <summary>
    /// THE place where the endpoint's JSON and query-protocol services are created. To plug a service in, add one line here;
    /// every EndpointServer (command line and tests) then answers its X-Amz-Target prefix.
    /// </summary>
    internal static class ServiceRegistry
    {
        public static IEnumerable<IJsonService> CreateJsonServices(EndpointServer server)
        {
            yield return new KmsService(server.Keys, server.Authorizer);
            // Loads the project sample and every --replay folder (a missing folder throws: a mistyped --replay).
            yield return new Textract.TextractService(server.Options, server.Storage, server.Keys, Replay.ReplayLibrary.FromOptions(server.Options),
                authorizer: server.Authorizer, notifications: server.Notifications, faults: server.Faults);
            yield return new Sqs.SqsService(server.Queues);
        }

        /// <summary>The query-protocol services, by SigV4 signing name.</summary>
        public static IEnumerable<IQueryService> CreateQueryServices(EndpointServer server)
        {
            yield return new Sns.SnsService(server.Notifications);
            // SQS answers both protocols: JSON 1.0 (above) and, for older SDKs and CLIs, the query protocol.
            yield return new Sqs.SqsQueryService(new Sqs.SqsService(server.Queues));
        }
    }
}
