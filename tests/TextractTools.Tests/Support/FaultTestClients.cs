using System;
using System.Collections.Generic;
using System.IO;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;
using TextractTools.Engine.Api;
using TextractTools.Engine.Session;
using TextractTools.Tests.Support;
using TextractTools.Tests.Engine.Batch;

namespace TextractTools.Tests.Support
{
    /// <summary>
    /// The session's own clients (its retry mode, attempts and retry-quota settings), with one change: the SDK's
    /// backoff cap lowered from 20 s to a few ms, so that hundreds of retried calls fit in a test. The policy stays the SDK's.
    /// </summary>
    internal sealed class FaultTestClients : IDisposable
    {
        public static readonly TimeSpan BackoffCap = TimeSpan.FromMilliseconds(15);

        public FaultTestClients(LocalEndpointFixture endpoint)
        {
            var credentials = endpoint.Credentials.GetCredentials();
            Session = TestSessions.For(endpoint.BaseUri.ToString(), credentials.AccessKey, credentials.SecretKey, endpoint.Region);
            var textractConfig = Session.CreateTextractConfig();
            textractConfig.MaxRetryBackoff = BackoffCap;
            Textract = new TextractApi(Session.Credentials, textractConfig);
            S3 = new CappedS3Client(Session.Credentials, Session.CreateS3Config(), BackoffCap);
            Kms = new CappedKmsClient(Session.Credentials, Session.CreateKmsConfig(), BackoffCap);
        }

        public AwsSession Session { get; }
        public TextractApi Textract { get; }
        public AmazonS3Client S3 { get; }
        public AmazonKeyManagementServiceClient Kms { get; }

        public void Dispose()
        {
            Textract.Dispose();
            S3.Dispose();
            Kms.Dispose();
            Session.Dispose();
        }

        /// <summary>Sets the cap on whatever retry policy the client's pipeline holds (S3's own policy included).</summary>
        private static void CapBackoff(RuntimePipeline pipeline, TimeSpan cap)
        {
            for (var handler = pipeline.Handler; handler != null; handler = handler.InnerHandler)
            {
                if (handler is RetryHandler retry && retry.RetryPolicy is StandardRetryPolicy standard)
                {
                    standard.MaxBackoffInMilliseconds = (int)cap.TotalMilliseconds;
                    return;
                }
            }
            throw new InvalidOperationException("The client's pipeline has no standard retry policy to cap.");
        }

        private sealed class CappedS3Client : AmazonS3Client
        {
            public CappedS3Client(AWSCredentials credentials, AmazonS3Config config, TimeSpan cap) : base(credentials, config) => CapBackoff(RuntimePipeline, cap);
        }

        private sealed class CappedKmsClient : AmazonKeyManagementServiceClient
        {
            public CappedKmsClient(AWSCredentials credentials, AmazonKeyManagementServiceConfig config, TimeSpan cap) : base(credentials, config) => CapBackoff(RuntimePipeline, cap);
        }
    }
}
