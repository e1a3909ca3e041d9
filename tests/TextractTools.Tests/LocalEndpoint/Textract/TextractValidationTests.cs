using System.Collections.Generic;
using System.Text;
using Xunit;
using TextractTools.Tests.Support;

namespace TextractTools.Tests.LocalEndpoint.Textract
{
    /// <summary>Every refusal the service gives, with its __type and status 400.</summary>
    public sealed class TextractValidationTests
    {
        private readonly TextractTestHarness _harness = new();

        public TextractValidationTests()
        {
            var document = TextractTestHarness.UniquePng();
            _harness.Library.AddRecording(document, TextractTestRecording.Build(pages: 1, linesPerPage: 2));
            _harness.PutDocument("doc.png", document);
        }

        private void AssertError(string expectedType, string operation, object body)
        {
            var reply = _harness.Call(operation, body);
            Assert.True(reply.ErrorType == expectedType, $"expected {expectedType}, got {reply.Status} {reply.Body}");
            Assert.Equal(400, reply.Status);
            Assert.False(string.IsNullOrEmpty(reply.Body.GetProperty("message").GetString()));
        }

        private static object Analysis(object? location = null, object? features = null, object? extra = null)
        {
            var body = new Dictionary<string, object?>
            {
                ["DocumentLocation"] = location ?? TextractTestHarness.Location("doc.png"),
                ["FeatureTypes"] = features ?? new[] { "TABLES" },
            };
            if (extra is not null)
                foreach (var property in extra.GetType().GetProperties()) body[property.Name] = property.GetValue(extra);
            return body;
        }

        public static IEnumerable<object[]> InvalidStartBodies() => new[]
        {
            new object[] { "missing DocumentLocation", new { FeatureTypes = new[] { "TABLES" } } },
            new object[] { "missing S3Object", Analysis(location: new { }) },
            new object[] { "missing bucket", Analysis(location: new { S3Object = new { Name = "doc.png" } }) },
            new object[] { "bucket too short", Analysis(location: new { S3Object = new { Bucket = "ab", Name = "doc.png" } }) },
            new object[] { "bucket with a slash", Analysis(location: new { S3Object = new { Bucket = "in/put", Name = "doc.png" } }) },
            new object[] { "blank object name", Analysis(location: new { S3Object = new { Bucket = "input", Name = "   " } }) },
            new object[] { "missing FeatureTypes", new { DocumentLocation = TextractTestHarness.Location("doc.png") } },
            new object[] { "empty FeatureTypes", Analysis(features: new string[0]) },
            new object[] { "unknown feature", Analysis(features: new[] { "TABLES", "CHARTS" }) },
            new object[] { "QUERIES without QueriesConfig", Analysis(features: new[] { "QUERIES" }) },
            new object[] { "QueriesConfig without QUERIES", Analysis(extra: new { QueriesConfig = new { Queries = new[] { new { Text = "total?" } } } }) },
            new object[] { "empty query list", Analysis(features: new[] { "QUERIES" }, extra: new { QueriesConfig = new { Queries = new object[0] } }) },
            new object[] { "query page range reversed", Analysis(features: new[] { "QUERIES" },
                extra: new { QueriesConfig = new { Queries = new[] { new { Text = "total?", Pages = new[] { "3-1" } } } } }) },
            new object[] { "token with a space", Analysis(extra: new { ClientRequestToken = "not valid" }) },
            new object[] { "job tag too long", Analysis(extra: new { JobTag = new string('a', 65) }) },
            new object[] { "KMS key id with a space", Analysis(extra: new { KMSKeyId = "alias/my key" }) },
            new object[] { "output config without bucket", Analysis(extra: new { OutputConfig = new { S3Prefix = "out" } }) },
            new object[] { "notification channel without role", Analysis(extra: new { NotificationChannel = new { SNSTopicArn = "arn:aws:sns:us-east-1:123456789012:topic" } }) },
            new object[] { "adapter id too short", Analysis(extra: new { AdaptersConfig = new { Adapters = new[] { new { AdapterId = "short", Version = "1" } } } }) },
        };

        [Theory]
        [MemberData(nameof(InvalidStartBodies))]
        public void Invalid_start_members_are_InvalidParameterException(string why, object body)
        {
            Assert.False(string.IsNullOrEmpty(why));
            AssertError("InvalidParameterException", "StartDocumentAnalysis", body);
        }

        [Fact]
        public void Text_detection_needs_a_document_location()
        {
            AssertError("InvalidParameterException", "StartDocumentTextDetection", new { JobTag = "x" });
        }

        [Fact]
        public void Missing_bucket_or_object_is_InvalidS3ObjectException_with_the_service_message()
        {
            var reply = _harness.Call("StartDocumentAnalysis", Analysis(location: new { S3Object = new { Bucket = "input", Name = "absent.pdf" } }));
            Assert.Equal("InvalidS3ObjectException", reply.ErrorType);
            Assert.Equal("Unable to get object metadata from S3. Check object key, region and/or access permissions.",
                reply.Body.GetProperty("message").GetString());

            AssertError("InvalidS3ObjectException", "StartDocumentTextDetection",
                new { DocumentLocation = new { S3Object = new { Bucket = "no-such-bucket", Name = "doc.png" } } });
        }

        [Fact]
        public void Unknown_or_disabled_KMS_key_is_InvalidKMSKeyException()
        {
            AssertError("InvalidKMSKeyException", "StartDocumentAnalysis", Analysis(extra: new { KMSKeyId = "alias/absent" }));

            var key = _harness.Keys.CreateKey();
            key.Enabled = false;
            AssertError("InvalidKMSKeyException", "StartDocumentAnalysis", Analysis(extra: new { KMSKeyId = key.Arn }));
        }

        [Fact]
        public void A_document_that_is_not_PDF_TIFF_JPEG_or_PNG_is_UnsupportedDocumentException()
        {
            _harness.PutDocument("notes.txt", Encoding.UTF8.GetBytes("just some text"));
            AssertError("UnsupportedDocumentException", "StartDocumentTextDetection",
                new { DocumentLocation = TextractTestHarness.Location("notes.txt") });
        }

        [Fact]
        public void A_missing_output_bucket_fails_the_start()
        {
            AssertError("InvalidS3ObjectException", "StartDocumentAnalysis", Analysis(extra: new { OutputConfig = new { S3Bucket = "no-such-bucket" } }));
        }

        [Fact]
        public void Unknown_job_id_is_InvalidJobIdException()
        {
            AssertError("InvalidJobIdException", "GetDocumentAnalysis", new { JobId = new string('a', 64) });
        }

        [Fact]
        public void A_job_read_through_the_other_operation_is_InvalidJobIdException()
        {
            var textJob = _harness.StartTextDetection("doc.png");
            var analysisJob = _harness.StartAnalysis("doc.png", "TABLES");
            _harness.FinishJobs();

            AssertError("InvalidJobIdException", "GetDocumentAnalysis", new { JobId = textJob });
            AssertError("InvalidJobIdException", "GetDocumentTextDetection", new { JobId = analysisJob });
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        [InlineData(1001)]
        public void MaxResults_outside_1_to_1000_is_InvalidParameterException(int maxResults)
        {
            var jobId = _harness.StartTextDetection("doc.png");
            AssertError("InvalidParameterException", "GetDocumentTextDetection", new { JobId = jobId, MaxResults = maxResults });
        }

        [Fact]
        public void Get_without_a_job_id_is_InvalidParameterException()
        {
            AssertError("InvalidParameterException", "GetDocumentTextDetection", new { MaxResults = 10 });
        }

        [Fact]
        public void A_next_token_that_was_not_issued_for_the_job_is_InvalidParameterException()
        {
            var jobId = _harness.StartTextDetection("doc.png");
            var otherJob = _harness.StartTextDetection("doc.png");
            _harness.FinishJobs();
            var tokenOfOtherJob = _harness.Call("GetDocumentTextDetection", new { JobId = otherJob, MaxResults = 1 }).NextToken;
            Assert.NotNull(tokenOfOtherJob);

            AssertError("InvalidParameterException", "GetDocumentTextDetection", new { JobId = jobId, NextToken = "garbage!" });
            AssertError("InvalidParameterException", "GetDocumentTextDetection", new { JobId = jobId, NextToken = tokenOfOtherJob });
        }

        [Fact]
        public void A_body_that_is_not_JSON_is_a_SerializationException()
        {
            var reply = _harness.CallRaw("StartDocumentTextDetection", "{not json");
            Assert.Equal(400, reply.Status);
            Assert.Equal("SerializationException", reply.ErrorType);
        }

        [Fact]
        public void An_operation_the_endpoint_does_not_implement_is_refused_by_name()
        {
            var reply = _harness.Call("AnalyzeDocument", new { });
            Assert.Equal(400, reply.Status);
            Assert.Equal("UnknownOperationException", reply.ErrorType);
            Assert.Contains("AnalyzeDocument", reply.Body.GetProperty("message").GetString());
        }
    }
}
