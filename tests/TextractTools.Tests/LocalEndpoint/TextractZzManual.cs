using System;
using System.Text;
using System.Threading;
using TextractTools.LocalEndpoint.Hosting;
using TextractTools.LocalEndpoint.Kms;
using TextractTools.LocalEndpoint.Replay;
using TextractTools.LocalEndpoint.Storage;
using TextractTools.LocalEndpoint.Textract;
using Xunit;
namespace TextractTools.Tests.LocalEndpoint
{
    public sealed class TextractZzManual
    {
        [Fact]
        public void RealClock()
        {
            var o = new EndpointOptions { JobDuration = TimeSpan.FromMilliseconds(100) };
            var s = new ObjectStore(); s.CreateBucket("input"); s.CreateBucket("output");
            var lib = new ReplayLibrary(includeProjectSample: false);
            var doc = TextractTestHarness.UniquePng();
            lib.AddRecording(doc, TextractTestRecording.Build(1, 2));
            s.PutObject("input", "d.png", doc);
            using var svc = new TextractService(o, s, new KeyStore("us-east-1", "000000000000"), lib);
            var r = svc.HandleAsync("StartDocumentTextDetection", Encoding.UTF8.GetBytes("{\"DocumentLocation\":{\"S3Object\":{\"Bucket\":\"input\",\"Name\":\"d.png\"}},\"OutputConfig\":{\"S3Bucket\":\"output\"}}"), new CallContext("a","b","c","d"), default).Result;
            Assert.Equal(200, r.StatusCode);
            for (var i = 0; i < 50 && s.ListObjects("output", null).Count < 2; i++) Thread.Sleep(20);
            Assert.Equal(2, s.ListObjects("output", null).Count);
        }
    }
}
