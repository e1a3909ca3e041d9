using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace TextractTools.Tests.Support
{
    /// <summary>One request as the stub server saw it.</summary>
    internal sealed class RecordedRequest
    {
        public RecordedRequest(string method, string path, IReadOnlyDictionary<string, string> headers, byte[] body)
        {
            Method = method;
            Path = path;
            Headers = headers;
            Body = body;
        }

        public string Method { get; }
        public string Path { get; }

        /// <summary>Header names are case-insensitive.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }

        public byte[] Body { get; }

        public string BodyText => Encoding.UTF8.GetString(Body);

        public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
    }

    /// <summary>A canned answer: status, body, headers; or "never answer" (until the server is disposed).</summary>
    internal sealed class StubResponse
    {
        public int Status { get; init; } = 200;
        public byte[] Body { get; init; } = Array.Empty<byte>();
        public string ContentType { get; init; } = "application/x-amz-json-1.1";
        public Dictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
        public bool NeverAnswer { get; init; }

        public static StubResponse Json(string json, int status = 200, string? requestId = null)
        {
            var response = new StubResponse { Status = status, Body = Encoding.UTF8.GetBytes(json) };
            if (requestId != null)
            {
                response.Headers["x-amzn-RequestId"] = requestId;
            }

            return response;
        }

        public static StubResponse Error(string type, string message, int status = 400, string requestId = "req-error")
            => Json("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}", status, requestId);

        public static StubResponse Hang() => new StubResponse { NeverAnswer = true };
    }

    /// <summary>
    /// A tiny HTTP server on 127.0.0.1 for client tests: records every request and answers from a queue of canned
    /// responses (the last one repeats when the queue runs dry; an empty queue answers 500).
    /// </summary>
    internal sealed class StubHttpServer : IDisposable
    {
        private readonly HttpListener listener;
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private readonly ConcurrentQueue<RecordedRequest> requests = new ConcurrentQueue<RecordedRequest>();
        private readonly ConcurrentQueue<StubResponse> responses = new ConcurrentQueue<StubResponse>();
        private readonly SemaphoreSlim requestArrived = new SemaphoreSlim(0);
        private readonly Task loop;
        private StubResponse? lastResponse;

        public StubHttpServer(params StubResponse[] answers)
        {
            foreach (var answer in answers)
            {
                responses.Enqueue(answer);
            }

            listener = StartOnFreePort(out var port);
            Url = "http://127.0.0.1:" + port + "/";
            loop = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

        public RecordedRequest SingleRequest => Requests.Single();

        public void Enqueue(StubResponse response) => responses.Enqueue(response);

        /// <summary>Waits (bounded) until at least one request has arrived.</summary>
        public async Task WaitForRequestAsync()
        {
            if (!await requestArrived.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false))
            {
                throw new TimeoutException("No request reached the stub server.");
            }
        }

        public void Dispose()
        {
            stopping.Cancel();
            listener.Close();
            try
            {
                loop.Wait(TimeSpan.FromSeconds(10));
            }
            catch (AggregateException)
            {
                // The loop ends with the listener's disposal exception; nothing to report.
            }

            stopping.Dispose();
        }

        /// <summary>A port no one listens on (for connection failure tests).</summary>
        public static int UnusedPort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private static HttpListener StartOnFreePort(out int port)
        {
            // HttpListener cannot bind port 0; take a free port from the OS and retry if someone grabs it first.
            for (var attempt = 0; ; attempt++)
            {
                port = UnusedPort();
                var candidate = new HttpListener();
                candidate.Prefixes.Add("http://127.0.0.1:" + port + "/");
                try
                {
                    candidate.Start();
                    return candidate;
                }
                catch (HttpListenerException) when (attempt < 10)
                {
                    candidate.Close();
                }
            }
        }

        private async Task ServeAsync()
        {
            while (!stopping.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (stopping.IsCancellationRequested)
                {
                    return;
                }

                _ = Task.Run(() => AnswerAsync(context));
            }
        }

        private async Task AnswerAsync(HttpListenerContext context)
        {
            try
            {
                requests.Enqueue(await RecordAsync(context.Request).ConfigureAwait(false));
                requestArrived.Release();
                var response = NextResponse();
                if (response.NeverAnswer)
                {
                    await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
                }

                context.Response.StatusCode = response.Status;
                context.Response.ContentType = response.ContentType;
                foreach (var header in response.Headers)
                {
                    context.Response.Headers[header.Key] = header.Value;
                }

                context.Response.ContentLength64 = response.Body.Length;
                await context.Response.OutputStream.WriteAsync(response.Body, 0, response.Body.Length).ConfigureAwait(false);
                context.Response.Close();
            }
            catch (Exception)
            {
                // The client went away or the server is stopping: the test asserts on what the client saw.
                try
                {
                    context.Response.Abort();
                }
                catch (Exception)
                {
                    // Already gone.
                }
            }
        }

        private StubResponse NextResponse()
        {
            if (responses.TryDequeue(out var next))
            {
                lastResponse = next;
                return next;
            }

            return lastResponse ?? StubResponse.Error("StubHasNoAnswer", "The stub server has no answer queued.", 500);
        }

        private static async Task<RecordedRequest> RecordAsync(HttpListenerRequest request)
        {
            using var body = new MemoryStream();
            await request.InputStream.CopyToAsync(body).ConfigureAwait(false);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string? name in request.Headers.AllKeys)
            {
                if (name != null)
                {
                    headers[name] = request.Headers[name] ?? "";
                }
            }

            return new RecordedRequest(request.HttpMethod, request.RawUrl ?? "", headers, body.ToArray());
        }
    }
}
