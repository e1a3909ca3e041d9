namespace TextractTools.LocalEndpoint
{
    public static class Program
    {
        public static int Main(string[] args) => 0; // replaced by the command line of the endpoint
    }
}
