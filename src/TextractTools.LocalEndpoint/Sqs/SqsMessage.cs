using System;

namespace TextractTools.LocalEndpoint.Sqs
{
    /// <summary>
    /// One message of a queue. Mutable state (visibility, receipts) is changed only under the owning
    /// <see cref="SqsQueue"/>'s lock.
    /// </summary>
    internal sealed class SqsMessage
    {
        public SqsMessage(string messageId, string body, string md5OfBody, string senderId, DateTimeOffset sentAt, DateTimeOffset visibleAt, long sequence)
        {
            MessageId = messageId;
            Body = body;
            Md5OfBody = md5OfBody;
            SenderId = senderId;
            SentAt = sentAt;
            VisibleAt = visibleAt;
            Sequence = sequence;
        }

        public string MessageId { get; }
        public string Body { get; }
        public string Md5OfBody { get; }

        /// <summary>The access key id of the sender (the service reports the caller's id).</summary>
        public string SenderId { get; }

        public DateTimeOffset SentAt { get; }

        /// <summary>When the message can next be received: after its delay, or when its visibility timeout ends.</summary>
        public DateTimeOffset VisibleAt { get; set; }

        /// <summary>
        /// Tie-breaker among messages visible at once. A message made visible again gets a new, higher number, so it
        /// queues behind the others instead of being handed to the same consumer again and again.
        /// </summary>
        public long Sequence { get; set; }

        public int ReceiveCount { get; set; }
        public DateTimeOffset? FirstReceivedAt { get; set; }

        /// <summary>The token of the latest receive; only the latest receipt handle may delete or change the message.</summary>
        public string? ReceiptToken { get; set; }

        public bool IsVisible(DateTimeOffset now) => VisibleAt <= now;

        /// <summary>True after a receive until the visibility timeout ends (or the visibility is set to 0).</summary>
        public bool IsInFlight(DateTimeOffset now) => ReceiptToken is not null && !IsVisible(now);
    }
}
