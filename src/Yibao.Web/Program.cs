using Yibao.Web;

var app = YibaoWebApp.Build(args);
await app.InitializeDatabaseAsync();
await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
