using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Common;
using Yibao.Domain.Policies;
using Yibao.Domain.Settlement;

namespace Yibao.Infrastructure.Reports;

/// <summary>
/// 医疗费用手工报销单: the printable form of a manual reimbursement (HTML, printed to PDF by <see cref="ChromiumPdf"/>),
/// with the amounts in 人民币大写, the calculation steps and the masked bank account.
/// </summary>
public static class ReimbursementForm
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Html(ManualReimbursement r, string agencyName)
    {
        ArgumentNullException.ThrowIfNull(r);
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        static string Y(decimal v) => Money.FormatYuan(v);
        var explanation = JsonSerializer.Deserialize<List<string>>(r.ExplanationJson) ?? [];
        var lines = JsonSerializer.Deserialize<List<JsonElement>>(r.LinesJson) ?? [];
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>医疗费用手工报销单</title><style>")
          .Append("body{font-family:'Noto Sans CJK SC','Noto Serif CJK SC',sans-serif;font-size:11pt;color:#000}")
          .Append("h1{text-align:center;font-size:18pt;margin:0 0 4px}.sub{text-align:center;margin-bottom:10px}")
          .Append("table{width:100%;border-collapse:collapse;margin-bottom:8px}td,th{border:1px solid #000;padding:3px 5px;vertical-align:top}")
          .Append("th{background:#eee;font-weight:normal}.r{text-align:right}.sig td{border:none;padding-top:20px}")
          .Append("</style></head><body>");
        sb.Append("<h1>医疗费用手工报销单</h1>");
        sb.Append(Inv, $"<div class=\"sub\">{E(agencyName)}　报销单号：{E(r.ReimbNo)}　状态：{E(ManualReimbursement.StatusName(r.Status))}</div>");
        sb.Append("<table>");
        sb.Append(Inv, $"<tr><th>姓名</th><td>{E(r.PsnName)}</td><th>人员编号</th><td>{E(r.PsnNo)}</td><th>险种</th><td>{E(r.Insutype)}</td></tr>");
        sb.Append(Inv, $"<tr><th>就诊机构</th><td colspan=\"3\">{E(r.InstitutionName)}（区划 {E(r.InstitutionAreaCode)}，{(r.InstitutionLevel == 0 ? "未定级" : r.InstitutionLevel.ToString(Inv) + "级")}）</td><th>就医地类别</th><td>{E(PolicyValidator.PlaceName(r.Place))}</td></tr>");
        sb.Append(Inv, $"<tr><th>医疗类别</th><td>{E(r.MedType.ChineseName())}</td><th>就诊日期</th><td>{r.BeginDate:yyyy-MM-dd} 至 {r.EndDate:yyyy-MM-dd}</td><th>发票号</th><td>{E(r.InvoiceNo)}</td></tr>");
        sb.Append(Inv, $"<tr><th>诊断</th><td colspan=\"3\">{E(r.DiseCodg)} {E(r.DiseName)}</td><th>异地备案号</th><td>{E(r.FilingNo ?? "—")}</td></tr>");
        sb.Append("</table><table><tr><th>项目编码</th><th>项目名称</th><th class=\"r\">数量</th><th class=\"r\">单价</th><th class=\"r\">金额</th><th class=\"r\">全自费</th><th class=\"r\">超限价</th><th class=\"r\">先行自付</th><th>说明</th></tr>");
        foreach (var l in lines)
        {
            sb.Append(Inv, $"<tr><td>{E(Str(l, "med_list_codg"))}</td><td>{E(Str(l, "medins_list_name"))}</td><td class=\"r\">{Dec(l, "cnt"):0.####}</td><td class=\"r\">{Y(Dec(l, "pric"))}</td>")
              .Append(Inv, $"<td class=\"r\">{Y(Dec(l, "det_item_fee_sumamt"))}</td><td class=\"r\">{Y(Dec(l, "fulamt_ownpay_amt"))}</td><td class=\"r\">{Y(Dec(l, "overlmt_selfpay"))}</td><td class=\"r\">{Y(Dec(l, "preselfpay_amt"))}</td><td>{E(Str(l, "memo"))}</td></tr>");
        }

        sb.Append("</table><table>");
        sb.Append(Inv, $"<tr><th>医疗费总额</th><td class=\"r\">{Y(r.MedfeeSumamt)} 元</td><th>符合政策范围</th><td class=\"r\">{Y(r.InscpScpAmt)} 元</td><th>起付线</th><td class=\"r\">{Y(r.ActPayDedc)} 元</td></tr>");
        sb.Append(Inv, $"<tr><th>统筹基金支付</th><td class=\"r\">{Y(r.HifpPay)} 元</td><th>大病保险</th><td class=\"r\">{Y(r.HifmiPay)} 元</td><th>医疗救助</th><td class=\"r\">{Y(r.MafPay)} 元</td></tr>");
        sb.Append(Inv, $"<tr><th>其他补助</th><td class=\"r\">{Y(r.CvlservPay + r.HifobPay + r.HifdmPay + r.OthPay)} 元</td><th>个人负担</th><td class=\"r\">{Y(r.PsnPartAmt)} 元</td><th>本次报销金额</th><td class=\"r\"><b>{Y(r.FundPaySumamt)} 元</b></td></tr>");
        sb.Append(Inv, $"<tr><th>报销金额（大写）</th><td colspan=\"5\"><b>{E(Money.ToChineseUppercase(r.FundPaySumamt))}</b></td></tr>");
        sb.Append(Inv, $"<tr><th>收款户名</th><td>{E(r.BankAccountName)}</td><th>开户银行</th><td>{E(r.BankName)}</td><th>银行账号</th><td>{E(Masking.BankAccount(r.BankAccountNo))}</td></tr>");
        sb.Append("</table><div><b>计算说明</b><ol>");
        foreach (var step in explanation)
        {
            sb.Append("<li>").Append(E(step)).Append("</li>");
        }

        sb.Append("</ol></div><table class=\"sig\"><tr>");
        sb.Append(Inv, $"<td>经办人：{E(r.CreatedBy)}</td><td>审核人：{E(r.ReviewedBy ?? "")}</td><td>支付日期：{(r.PaidDate is { } d ? d.ToString("yyyy-MM-dd", Inv) : "")}</td><td>领款人签字：</td>");
        sb.Append("</tr></table></body></html>");
        return sb.ToString();
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static decimal Dec(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : 0m;

    public static Task<byte[]> PdfAsync(ManualReimbursement r, string agencyName, CancellationToken ct = default) =>
        ChromiumPdf.PrintAsync(Html(r, agencyName), null, ct);
}
