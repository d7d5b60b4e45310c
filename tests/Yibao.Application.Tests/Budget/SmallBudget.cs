using System.Globalization;

namespace Yibao.Application.Tests.Budget;

/// <summary>A small hand-made budget (fictional 示范县): consistent unless <c>projectAmount</c> breaks revenue = expense.</summary>
internal static class SmallBudget
{
    public static string Json(decimal projectAmount = 200000m, int year = 2026, int version = 1) => $$"""
        {
          "format": "yibao-budget/1",
          "unit": { "code": "901001", "name": "示范县医疗保障局", "nature": "行政", "staffing": { "authorized": 10, "actual": 9, "retired": 2 } },
          "year": {{year.ToString(CultureInfo.InvariantCulture)}}, "phase": "预算", "version": {{version.ToString(CultureInfo.InvariantCulture)}}, "status": "编制中", "profile": "national",
          "revenue": [ { "source": "一般公共预算拨款", "amount": 1000000 } ],
          "lines": [
            { "function": "2101501", "deptEconomic": "30101", "govEconomic": "50101", "source": "一般公共预算拨款", "type": "基本", "kind": "人员", "amount": 600000 },
            { "function": "2101501", "deptEconomic": "30201", "govEconomic": "50201", "source": "一般公共预算拨款", "type": "基本", "kind": "公用", "amount": 200000 },
            { "function": "2101550", "deptEconomic": "30201", "govEconomic": "50201", "source": "一般公共预算拨款", "type": "项目", "project": "P1", "amount": {{projectAmount.ToString(CultureInfo.InvariantCulture)}} }
          ],
          "projects": [ { "id": "P1", "name": "医保经办服务项目", "description": "经办服务" } ]
        }
        """;
}
