using System.CommandLine;
using Yibao.Application.Settlement;

namespace Yibao.Cli;

/// <summary><c>yibao settlement calc</c>: reproduce settlement calculations from files, without a database.</summary>
internal static class SettlementCommands
{
    public static Command Build(CliContext ctx)
    {
        var settlement = new Command("settlement", "结算计算（一站式结算：基本医保 → 大额/公务员补助 → 大病保险 → 医疗救助 → 个人账户 → 现金）");
        var policy = new Option<FileInfo>("--policy") { Description = "待遇政策参数文件（JSON，见 docs/formats/policy.md）", Required = true };
        var catalog = new Option<FileInfo>("--catalog") { Description = "医保目录文件（CSV，见 docs/formats/catalog.md）", Required = true };
        var claims = new Option<FileInfo>("--claims") { Description = "就诊与费用明细文件（JSON，见 docs/formats/claims.md），按日期顺序逐次结算并累计", Required = true };
        var json = new Option<bool>("--json") { Description = "输出一个 JSON 文档（国家平台字段名），而不是中文结算说明" };
        var calc = new Command("calc", "按政策和目录计算每次就诊的结算结果、计算过程说明和全年合计") { policy, catalog, claims, json };
        calc.SetAction((ParseResult r, CancellationToken ct) => SettlementFileRunner.RunAsync(
            r.GetValue(policy)!.FullName,
            r.GetValue(catalog)!.FullName,
            r.GetValue(claims)!.FullName,
            r.GetValue(json),
            ctx.Out,
            ctx.Err,
            ct));
        settlement.Subcommands.Add(calc);
        return settlement;
    }
}
