using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document.Lending
{
    /// <summary>
    /// Which of several predictions or detections counts: the one with the highest confidence; on a tie the first in
    /// Textract's order; one without a confidence only when none has one.
    /// </summary>
    internal static class TopConfidence
    {
        public static T? Of<T>(IReadOnlyList<T> candidates, Func<T, double?> confidence) where T : class
        {
            T? top = null;
            double? best = null;
            foreach (T candidate in candidates)
            {
                double? value = confidence(candidate);
                if (top == null || (value != null && (best == null || value.Value > best.Value)))
                {
                    top = candidate;
                    best = value;
                }
            }
            return top;
        }
    }
}
