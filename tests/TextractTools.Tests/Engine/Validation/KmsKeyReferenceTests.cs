using System;
using TextractTools.Engine.Validation;
using Xunit;

namespace TextractTools.Tests.Engine.Validation
{
    /// <summary>KMS key references by shape, before any call: what is accepted, and what each refusal says.</summary>
    public sealed class KmsKeyReferenceTests
    {
        [Theory]
        [InlineData("1234abcd-12ab-34cd-56ef-1234567890ab")]
        [InlineData("mrk-1234abcd12ab34cd56ef1234567890ab")]
        [InlineData("alias/textract")]
        [InlineData("alias/team/textract_output-key")]
        [InlineData("alias/aws/s3")]
        [InlineData("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
        [InlineData("arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab")]
        [InlineData("arn:aws:kms:us-east-1:111122223333:alias/textract")]
        [InlineData("arn:aws-us-gov:kms:us-east-1:111122223333:alias/textract")]
        public void Key_ids_aliases_and_arns_of_the_jobs_region_pass(string value)
        {
            KmsKeyReference.Validate(value, "KmsKeyId", "us-east-1");
            Assert.True(KmsKeyReference.IsWellFormed(value));
        }

        [Theory]
        [InlineData(null, "EmptyKmsKeyId", "is empty")]
        [InlineData("", "EmptyKmsKeyId", "is empty")]
        [InlineData("   ", "EmptyKmsKeyId", "is empty")]
        [InlineData("textract", "InvalidKmsKeyId", "did you mean alias/textract?")]
        [InlineData("alias/", "InvalidKmsKeyId", "names no alias")]
        [InlineData("alias/has space", "InvalidKmsKeyId", "is not an alias name")]
        [InlineData(" alias/textract", "InvalidKmsKeyId", "white space")]
        [InlineData("1234abcd-12ab-34cd-56ef-1234567890", "InvalidKmsKeyId", "is not a key id")]
        [InlineData("mrk-1234", "InvalidKmsKeyId", "32 hexadecimal digits")]
        [InlineData("arn:aws:s3:::my-bucket", "InvalidKmsKeyId", "an ARN of s3, not of a KMS key")]
        [InlineData("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "InvalidKmsKeyId", "is a key in eu-west-1, but the job runs in us-east-1")]
        [InlineData("arn:aws:kms:us-east-1:1111:key/1234abcd-12ab-34cd-56ef-1234567890ab", "InvalidKmsKeyId", "12-digit account id")]
        [InlineData("arn:aws:kms:us-east-1:111122223333:key/not-a-key", "InvalidKmsKeyId", "not a key id")]
        [InlineData("arn:aws:kms:us-east-1:111122223333:grant/x", "InvalidKmsKeyId", "ends in 'grant/x'")]
        [InlineData("arn:aws:kms:us-east-1", "InvalidKmsKeyId", "not a complete ARN")]
        [InlineData("arn:aws:kms::111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "InvalidKmsKeyId", "region belongs")]
        [InlineData("key/1234abcd-12ab-34cd-56ef-1234567890ab", "InvalidKmsKeyId", "the end of a key ARN")]
        public void Other_shapes_are_refused_with_the_reason(string? value, string errorId, string reason)
        {
            var e = Assert.Throws<ParameterValueException>(() => KmsKeyReference.Validate(value, "KmsKeyId", "us-east-1"));
            Assert.Equal(errorId, e.ErrorId);
            Assert.Equal("KmsKeyId", e.ParamName);
            Assert.Equal(ParameterProblem.InvalidValue, e.Problem);
            Assert.StartsWith("-KmsKeyId", e.Message);
            Assert.Contains(reason, e.Message);
            Assert.DoesNotContain("(Parameter", e.Message);
        }

        [Fact]
        public void Without_a_known_region_an_arn_of_any_region_passes_its_shape()
        {
            KmsKeyReference.Validate("arn:aws:kms:ap-south-1:111122223333:alias/x", "KmsKeyId", region: null);
            Assert.Equal("ap-south-1", KmsKeyReference.RegionOf("arn:aws:kms:ap-south-1:111122223333:alias/x"));
            Assert.Null(KmsKeyReference.RegionOf("alias/x"));
        }

        [Fact]
        public void The_parameter_is_named_as_given()
        {
            var e = Assert.Throws<ParameterValueException>(() => KmsKeyReference.Validate("", "ExpectedKmsKeyId", null));
            Assert.Equal("EmptyExpectedKmsKeyId", e.ErrorId);
            Assert.StartsWith("-ExpectedKmsKeyId is empty", e.Message);
        }
    }
}
