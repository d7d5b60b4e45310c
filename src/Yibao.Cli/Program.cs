using System.Collections;
using System.CommandLine;
using System.Globalization;
using System.Text;

namespace Yibao.Cli;

/// <summary>Entry point of the <c>yibao</c> command (DESIGN §6). See docs/cli.md.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            environment[(string)e.Key] = e.Value as string;
        }

        // Prompts only when a person is at the terminal; CI and scripts get the defaults.
        var input = Console.IsInputRedirected ? null : Console.In;
        return await RunAsync(args, Console.Out, Console.Error, environment, input);
    }

    /// <summary>
    /// Runs the CLI in-process: <paramref name="environment"/> replaces the process environment as the source of
    /// configuration (YIBAO_DB_PROVIDER, YIBAO_DB …); <paramref name="input"/> is the terminal to prompt on, or null
    /// for non-interactive use. Returns the exit code (<see cref="ExitCodes"/>).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IDictionary<string, string?> environment,
        TextReader? input = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(environment);

        // Chinese help and parser messages; flows with this call only.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var context = new CliContext(output, error, environment, input);
        var root = CliCommands.Build(context);
        foreach (var option in root.Options)
        {
            if (option is System.CommandLine.Help.HelpOption)
            {
                option.Description = "显示帮助和用法信息";
            }
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                await error.WriteLineAsync("用法错误：" + e.Message.TrimEnd('.'));
            }

            await error.WriteLineAsync("运行 yibao --help 查看命令和选项。");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
    }
}

/// <summary>Exit codes of <c>yibao</c>.</summary>
public static class ExitCodes
{
    /// <summary>成功.</summary>
    public const int Success = 0;

    /// <summary>操作失败: validation or business rule (message on stderr).</summary>
    public const int Failed = 1;

    /// <summary>用法或配置错误, or the database cannot be reached.</summary>
    public const int Usage = 2;
}
