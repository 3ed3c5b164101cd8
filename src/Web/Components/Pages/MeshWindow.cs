namespace Multinet.Web.Components.Pages;

/// <summary>The rows and columns of a tunnel mesh that are drawn: those in view and a margin around them.</summary>
internal readonly record struct MeshWindow(int FirstRow, int Rows, int FirstCol, int Cols)
{
    public int EndRow(int count) => Math.Min(count, FirstRow + Rows);

    public int EndCol(int count) => Math.Min(count, FirstCol + Cols);
}
