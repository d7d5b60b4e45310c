using Yibao.Domain.Catalogs;
using Yibao.Domain.Policies;

namespace Yibao.Domain.Review;

/// <summary>
/// Validates a review rule set. Each error names the JSON path, the rule and what is wrong, in Chinese, e.g.
/// <c>$.rules[2].parameters.max_quantity：规则“R003”（单日限量）必须给出大于 0 的数量上限</c>.
/// </summary>
public static class ReviewRuleValidator
{
    public static IReadOnlyList<string> Validate(ReviewRuleSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var e = new List<string>();
        if (string.IsNullOrWhiteSpace(set.Id))
        {
            e.Add("$.id：规则集编号不能为空");
        }

        if (string.IsNullOrWhiteSpace(set.Name))
        {
            e.Add("$.name：规则集名称不能为空");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (set.Rules?.Count ?? 0); i++)
        {
            var r = set.Rules![i];
            var p = $"$.rules[{i}]";
            if (r is null)
            {
                e.Add(p + "：规则不能为空");
                continue;
            }

            var who = $"规则“{r.Id}”（{r.Type.ChineseName()}）";
            void Err(string path, string msg) => e.Add(p + path + "：" + who + msg);

            if (string.IsNullOrWhiteSpace(r.Id))
            {
                e.Add(p + ".id：规则编号不能为空");
            }
            else if (!ids.Add(r.Id))
            {
                e.Add(p + $".id：规则编号“{r.Id}”重复");
            }

            if (string.IsNullOrWhiteSpace(r.Name))
            {
                Err(".name", "名称不能为空");
            }

            if (!Enum.IsDefined(r.Type))
            {
                e.Add(p + ".type：规则类型缺失或无效");
                continue;
            }

            if (!Enum.IsDefined(r.Result))
            {
                Err(".result", "结果类型必须是 definite（明确）或 suspicious（可疑）");
            }

            if (!Enum.IsDefined(r.Status))
            {
                Err(".status", "状态必须是 draft（草稿）、enabled（启用）或 disabled（停用）");
            }

            if (r.EffectiveTo < r.EffectiveFrom)
            {
                Err(".effective_to", "失效日期不得早于生效日期");
            }

            if (r.Stages is null || r.Stages.Count == 0)
            {
                Err(".stages", "至少需要一个审核环节（pre 事前 / during 事中 / post 事后）");
            }

            if (r.Window == ReviewWindow.Days)
            {
                if (r.WindowDays is not (>= 1 and <= 366))
                {
                    Err(".window_days", "时间窗口为 N 天时，window_days 必须在 1–366 之间");
                }
            }
            else if (r.WindowDays is not null)
            {
                Err(".window_days", "只有时间窗口为 days（N 天）时才能给出 window_days");
            }

            var s = r.Scope ?? new ReviewScope();
            for (var k = 0; k < s.Insutypes.Count; k++)
            {
                if (!PolicyValidator.Insutypes.ContainsKey(s.Insutypes[k]))
                {
                    Err($".scope.insutypes[{k}]", $"险种“{s.Insutypes[k]}”不是国家险种代码（310/320/330/340/390/392/510）");
                }
            }

            for (var k = 0; k < s.InstitutionLevels.Count; k++)
            {
                if (s.InstitutionLevels[k] is < 0 or > 3)
                {
                    Err($".scope.institution_levels[{k}]", "机构等级必须是 0（未定级）到 3");
                }
            }

            Parameters(r, r.Parameters ?? new ReviewParameters(), Err);
        }

        return e;
    }

    private static void Parameters(ReviewRule r, ReviewParameters x, Action<string, string> err)
    {
        const string P = ".parameters.";
        bool NeedItems()
        {
            if (x.Items.Count == 0)
            {
                err(P + "items", "必须列出至少一个项目编码");
                return false;
            }

            for (var k = 0; k < x.Items.Count; k++)
            {
                if (string.IsNullOrWhiteSpace(x.Items[k]))
                {
                    err($"{P}items[{k}]", "项目编码不能为空");
                }
            }

            return true;
        }

        void Window(params ReviewWindow[] allowed)
        {
            if (!allowed.Contains(r.Window))
            {
                err(".window", "时间窗口只能是 " + string.Join("、", allowed.Select(w => w.ChineseName())));
            }
        }

        void NoItems()
        {
            if (x.Items.Count > 0)
            {
                err(P + "items", "不按项目判断，不能列出项目编码");
            }
        }

        switch (r.Type)
        {
            case ReviewRuleType.GenderLimit:
                NeedItems();
                if (x.Gender is not (1 or 2))
                {
                    err(P + "gender", "必须给出限定性别（1 男，2 女）");
                }

                break;
            case ReviewRuleType.AgeLimit:
                NeedItems();
                if (x.MinAge is null && x.MaxAge is null)
                {
                    err(P + "min_age", "必须给出最小年龄或最大年龄");
                }

                if (x.MinAge is < 0 or > 150 || x.MaxAge is < 0 or > 150)
                {
                    err(P + "min_age", "年龄必须在 0–150 之间");
                }

                if (x.MinAge is int lo && x.MaxAge is int hi && hi < lo)
                {
                    err(P + "max_age", "最大年龄不得小于最小年龄");
                }

                break;
            case ReviewRuleType.Indication:
                NeedItems();
                if (x.Diagnoses.Count == 0 || x.Diagnoses.Any(string.IsNullOrWhiteSpace))
                {
                    err(P + "diagnoses", "必须列出适应症诊断编码（ICD-10 前缀），且不能为空");
                }

                break;
            case ReviewRuleType.InstitutionLevelLimit:
                NeedItems();
                if (x.MinLevel is not (>= 1 and <= 3))
                {
                    err(P + "min_level", "最低机构等级必须是 1–3");
                }

                break;
            case ReviewRuleType.VisitTypeLimit:
                NeedItems();
                if (x.VisitTypes.Count == 0)
                {
                    err(P + "visit_types", "必须列出允许的就诊类型");
                }

                break;
            case ReviewRuleType.QuantityPerDay:
            case ReviewRuleType.QuantityPerStay:
            case ReviewRuleType.Frequency:
                NeedItems();
                if (x.MaxQuantity is not > 0m)
                {
                    err(P + "max_quantity", "必须给出大于 0 的数量上限");
                }

                if (r.Type == ReviewRuleType.QuantityPerDay)
                {
                    Window(ReviewWindow.Day);
                }
                else if (r.Type == ReviewRuleType.QuantityPerStay)
                {
                    Window(ReviewWindow.Encounter);
                }

                break;
            case ReviewRuleType.CourseLength:
                NeedItems();
                if (x.MaxDays is not (>= 1 and <= 3650))
                {
                    err(P + "max_days", "必须给出 1–3650 之间的疗程天数上限");
                }

                if (x.AllowedGapDays is < 1 or > 365)
                {
                    err(P + "allowed_gap_days", "疗程间隔天数必须在 1–365 之间");
                }

                break;
            case ReviewRuleType.PriceCap:
                NeedItems();
                if (x.MaxPrice is not > 0m)
                {
                    err(P + "max_price", "必须给出大于 0 的限价");
                }

                break;
            case ReviewRuleType.DuplicateCharge:
                NeedItems();
                Window(ReviewWindow.Day);
                break;
            case ReviewRuleType.IncludedItem:
            case ReviewRuleType.MutuallyExclusive:
                NeedItems();
                if (x.OtherItems.Count == 0)
                {
                    err(P + "other_items", r.Type == ReviewRuleType.IncludedItem ? "必须列出被包含的项目编码" : "必须列出互斥的项目编码");
                }
                else if (x.OtherItems.Intersect(x.Items, StringComparer.Ordinal).Any())
                {
                    err(P + "other_items", "与 items 不能有相同的项目编码");
                }

                Window(ReviewWindow.Encounter, ReviewWindow.Day);
                break;
            case ReviewRuleType.MissingCompanion:
                NeedItems();
                if (x.CompanionItems.Count == 0)
                {
                    err(P + "companion_items", "必须列出应伴随的项目编码");
                }

                Window(ReviewWindow.Encounter, ReviewWindow.Day);
                break;
            case ReviewRuleType.PerDayExcess:
                NeedItems();
                if (x.ExtraDays is < 0 or > 30)
                {
                    err(P + "extra_days", "允许多计天数必须在 0–30 之间");
                }

                Window(ReviewWindow.Encounter);
                break;
            case ReviewRuleType.SplitAdmission:
                NoItems();
                if (x.ReadmissionDays is not (>= 1 and <= 365))
                {
                    err(P + "readmission_days", "必须给出 1–365 之间的再入院天数");
                }

                if (x.DiagnosisPrefixLength is < 1 or > 16)
                {
                    err(P + "diagnosis_prefix_length", "诊断比较位数必须在 1–16 之间");
                }

                break;
            case ReviewRuleType.BedBlocking:
                if (NeedItems() && x.MaxIdleDays is < 0 or > 365)
                {
                    err(P + "max_idle_days", "允许无治疗天数必须在 0–365 之间");
                }

                Window(ReviewWindow.Encounter);
                break;
            case ReviewRuleType.OverSupply:
                NeedItems();
                if (x.MaxDays is not (>= 1 and <= 3650))
                {
                    err(P + "max_days", "必须给出 1–3650 之间的用药天数上限");
                }

                Window(ReviewWindow.Month, ReviewWindow.Year, ReviewWindow.Days);
                break;
            case ReviewRuleType.AfterDeath:
            case ReviewRuleType.OutsideCoverage:
            case ReviewRuleType.SimultaneousEncounters:
                NoItems();
                break;
            default:
                err(".type", "规则类型无效");
                break;
        }
    }
}
