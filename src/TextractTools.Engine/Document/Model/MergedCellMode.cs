namespace TextractTools.Engine.Document
{
    /// <summary>How table rows show a merged cell.</summary>
    public enum MergedCellMode
    {
        /// <summary>The merged text in every position the merged cell covers (good for filtering and grouping).</summary>
        Repeat = 0,

        /// <summary>The merged text in the top-left position only; the other covered positions are empty.</summary>
        FirstOnly = 1,
    }
}
