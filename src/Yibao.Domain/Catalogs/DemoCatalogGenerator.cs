using System.Globalization;
using Yibao.Domain.Common;
using Yibao.Domain.Institutions;

namespace Yibao.Domain.Catalogs;

/// <summary>
/// Deterministic synthetic 医保目录 for the fictional 示范县 (pool area <see cref="PoolArea"/>):
/// a fixed set of well-known items used by samples, tests and benchmarks, plus generated items across
/// all five list types. Same output on every run (own LCG, invariant formatting).
/// </summary>
public static class DemoCatalogGenerator
{
    public const string PoolArea = "999001";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly DateOnly Y2024 = new(2024, 1, 1);
    private static readonly DateOnly Y2024End = new(2024, 12, 31);
    private static readonly DateOnly Y2025 = new(2025, 1, 1);

    private static SelfPayRatioPeriod[] Ratio(decimal national, decimal? local = null)
    {
        var list = new List<SelfPayRatioPeriod>
        {
            new("", Y2024, Y2024End, national + 0.05m > 1m ? 1m : national + 0.05m),
            new("", Y2025, DateOnly.MaxValue, national),
        };
        if (local is decimal l)
        {
            list.Add(new SelfPayRatioPeriod(PoolArea, Y2025, DateOnly.MaxValue, l));
        }

        return [.. list];
    }

    /// <summary>Hand-written items referenced by samples/claims and the tests.</summary>
    public static IReadOnlyList<CatalogItem> FixedItems { get; } =
    [
        new() { Code = "XJ01CAA040A001010100001", Name = "阿莫西林胶囊", ListType = CatalogListType.WesternMedicine, Unit = "盒", Category = PaymentCategory.A, PriceCap = 15.00m },
        new() { Code = "XJ01DDA051B002010100002", Name = "注射用头孢曲松钠", ListType = CatalogListType.WesternMedicine, Unit = "支", Category = PaymentCategory.B, PriceCap = 8.50m, SelfPayRatios = Ratio(0.10m), Restrictions = new ItemRestrictions { MaxQuantityPerDay = 4m } },
        new() { Code = "XL01XC079B001010100003", Name = "贝伐珠单抗注射液", ListType = CatalogListType.WesternMedicine, Unit = "支", Category = PaymentCategory.B, PriceCap = 1198.00m, SelfPayRatios = Ratio(0.30m, 0.20m), Restrictions = new ItemRestrictions { DiagnosisPrefixes = ["C18", "C19", "C20", "C34"], MinInstitutionLevel = InstitutionLevel.Second } },
        new() { Code = "XA10BAA015A001010100004", Name = "盐酸二甲双胍片", ListType = CatalogListType.WesternMedicine, Unit = "盒", Category = PaymentCategory.A, PriceCap = 12.00m },
        new() { Code = "XC08CAA003A001010100005", Name = "苯磺酸氨氯地平片", ListType = CatalogListType.WesternMedicine, Unit = "盒", Category = PaymentCategory.A, PriceCap = 9.80m },
        new() { Code = "XG03DAA095B002010100006", Name = "黄体酮注射液", ListType = CatalogListType.WesternMedicine, Unit = "支", Category = PaymentCategory.B, SelfPayRatios = Ratio(0.10m), Restrictions = new ItemRestrictions { Gender = Gender.Female } },
        new() { Code = "XR05CBA118A001010100007", Name = "小儿氨溴索口服溶液", ListType = CatalogListType.WesternMedicine, Unit = "瓶", Category = PaymentCategory.A, Restrictions = new ItemRestrictions { MaxAge = 14 } },
        new() { Code = "ZA12BAA0001010100008", Name = "复方丹参滴丸", ListType = CatalogListType.ChinesePatentMedicine, Unit = "盒", Category = PaymentCategory.B, SelfPayRatios = Ratio(0.10m, 0.05m) },
        new() { Code = "ZX99ZZZ0001010100009", Name = "某保健口服液", ListType = CatalogListType.ChinesePatentMedicine, Unit = "盒", Category = PaymentCategory.C },
        new() { Code = "T000100001", Name = "黄芪", ListType = CatalogListType.ChineseHerbalPieces, Unit = "克", Category = PaymentCategory.A },
        new() { Code = "T000200002", Name = "西洋参", ListType = CatalogListType.ChineseHerbalPieces, Unit = "克", Category = PaymentCategory.C },
        new() { Code = "001102000010000", Name = "普通床位费（三人间）", ListType = CatalogListType.MedicalService, Unit = "日", Category = PaymentCategory.A, PriceCap = 30.00m },
        new() { Code = "001101000010000", Name = "一般诊疗费", ListType = CatalogListType.MedicalService, Unit = "次", Category = PaymentCategory.A, Restrictions = new ItemRestrictions { VisitTypes = VisitTypeSet.GeneralOutpatient | VisitTypeSet.ChronicOutpatient } },
        new() { Code = "002503010010000", Name = "血细胞分析（血常规）", ListType = CatalogListType.MedicalService, Unit = "次", Category = PaymentCategory.A },
        new() { Code = "002101010010000", Name = "X线计算机体层（CT）平扫", ListType = CatalogListType.MedicalService, Unit = "部位", Category = PaymentCategory.B, SelfPayRatios = Ratio(0.10m) },
        new() { Code = "002201010010000", Name = "彩色多普勒超声常规检查", ListType = CatalogListType.MedicalService, Unit = "部位", Category = PaymentCategory.A },
        new() { Code = "003115000010000", Name = "血液透析", ListType = CatalogListType.MedicalService, Unit = "次", Category = PaymentCategory.A, Restrictions = new ItemRestrictions { DiagnosisPrefixes = ["N18"] } },
        new() { Code = "003314000020000", Name = "子宫下段剖宫产术", ListType = CatalogListType.MedicalService, Unit = "次", Category = PaymentCategory.A, Restrictions = new ItemRestrictions { Gender = Gender.Female, VisitTypes = VisitTypeSet.Inpatient | VisitTypeSet.Maternity } },
        new() { Code = "003109000010000", Name = "经皮冠状动脉支架置入术", ListType = CatalogListType.MedicalService, Unit = "次", Category = PaymentCategory.A, Restrictions = new ItemRestrictions { MinInstitutionLevel = InstitutionLevel.Third, VisitTypes = VisitTypeSet.Inpatient } },
        new() { Code = "C0301010000001000000000001", Name = "冠状动脉药物洗脱支架", ListType = CatalogListType.MedicalConsumable, Unit = "个", Category = PaymentCategory.B, PriceCap = 800.00m, SelfPayRatios = Ratio(0.20m), Restrictions = new ItemRestrictions { MaxQuantityPerStay = 2m } },
        new() { Code = "C0201010000001000000000002", Name = "一次性使用无菌注射器", ListType = CatalogListType.MedicalConsumable, Unit = "支", Category = PaymentCategory.A },
        new() { Code = "C0401010000001000000000003", Name = "人工晶状体", ListType = CatalogListType.MedicalConsumable, Unit = "个", Category = PaymentCategory.B, PriceCap = 1500.00m, SelfPayRatios = Ratio(0.15m) },
    ];

    private static readonly string[] WesternStems = ["阿莫西林", "头孢呋辛", "左氧氟沙星", "阿奇霉素", "布洛芬", "对乙酰氨基酚", "奥美拉唑", "雷贝拉唑", "氨氯地平", "硝苯地平", "缬沙坦", "厄贝沙坦", "阿托伐他汀", "瑞舒伐他汀", "二甲双胍", "格列美脲", "阿卡波糖", "胰岛素", "氯吡格雷", "阿司匹林", "华法林", "利伐沙班", "美托洛尔", "比索洛尔", "呋塞米", "螺内酯", "氨溴索", "孟鲁司特", "沙丁胺醇", "地塞米松", "泼尼松", "甲硝唑", "奥司他韦", "蒙脱石", "多潘立酮", "兰索拉唑", "坦索罗辛", "非那雄胺", "左甲状腺素", "碳酸钙"];
    private static readonly string[] WesternForms = ["片", "胶囊", "缓释片", "肠溶片", "注射液", "颗粒", "分散片", "口服溶液", "干混悬剂", "注射用粉针"];
    private static readonly string[] PatentStems = ["复方丹参", "银黄", "板蓝根", "连花清瘟", "藿香正气", "六味地黄", "逍遥", "血塞通", "银杏叶", "通心络", "麝香保心", "脑心通", "小柴胡", "金银花", "双黄连", "蒲地蓝", "感冒清热", "牛黄解毒", "云南白药", "三七"];
    private static readonly string[] PatentForms = ["丸", "片", "胶囊", "颗粒", "口服液", "滴丸", "软胶囊", "注射液"];
    private static readonly string[] Herbs = ["当归", "川芎", "白芍", "熟地黄", "党参", "白术", "茯苓", "甘草", "陈皮", "半夏", "柴胡", "黄芩", "黄连", "金银花", "连翘", "丹参", "红花", "桃仁", "枸杞子", "山药", "杜仲", "牛膝", "葛根", "麦冬", "五味子", "酸枣仁", "远志", "石菖蒲", "天麻", "钩藤"];
    private static readonly string[] HerbProcess = ["", "（炒）", "（炙）", "（酒制）", "（醋制）", "（生）"];
    private static readonly string[] Services = ["诊查费", "护理费", "换药", "静脉输液", "肌肉注射", "心电图检查", "肝功能检测", "肾功能检测", "血糖测定", "尿常规", "胸部X线摄影", "磁共振平扫", "胃镜检查", "肠镜检查", "针刺", "推拿治疗", "康复评定", "吸氧", "雾化吸入", "导尿", "清创缝合", "阑尾切除术", "胆囊切除术", "疝修补术", "白内障摘除术", "关节置换术", "骨折内固定术", "剖宫产术", "腹腔镜探查术", "血液灌流"];
    private static readonly string[] ServiceVariants = ["", "（加收）", "（特殊）", "（儿童）", "（复杂）"];
    private static readonly string[] Consumables = ["输液器", "留置针", "导尿管", "吸痰管", "敷料", "缝合线", "骨科钢板", "骨科螺钉", "髋关节假体", "膝关节假体", "吻合器", "止血夹", "引流管", "气管插管", "透析器", "人工晶状体", "心脏起搏器", "球囊导管", "导丝", "血管鞘"];

    /// <summary>All items: fixed ones first, then generated ones; <paramref name="generated"/> controls the count.</summary>
    public static IReadOnlyList<CatalogItem> Generate(int generated = 3000)
    {
        var items = new List<CatalogItem>(FixedItems.Count + generated);
        items.AddRange(FixedItems);
        ulong state = 20250101;
        int Next(int n)
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            return (int)((state >> 33) % (ulong)n);
        }

        for (var i = 0; i < generated; i++)
        {
            var type = (i % 10) switch
            {
                0 or 1 or 2 or 3 => CatalogListType.WesternMedicine,
                4 or 5 => CatalogListType.ChinesePatentMedicine,
                6 => CatalogListType.ChineseHerbalPieces,
                7 or 8 => CatalogListType.MedicalService,
                _ => CatalogListType.MedicalConsumable,
            };
            var seq = (i + 1).ToString("D6", Inv);
            var roll = Next(100);
            var cat = roll < 55 ? PaymentCategory.A : roll < 92 ? PaymentCategory.B : PaymentCategory.C;
            var price = (Next(20000) + 50) / 100m;
            string code, name, unit;
            switch (type)
            {
                case CatalogListType.WesternMedicine:
                    code = "X" + (char)('A' + Next(14)) + Next(99).ToString("D2", Inv) + "GEN" + seq + "01";
                    name = WesternStems[Next(WesternStems.Length)] + WesternForms[Next(WesternForms.Length)] + "（规格" + (1 + Next(9)).ToString(Inv) + "）";
                    unit = Next(2) == 0 ? "盒" : "支";
                    break;
                case CatalogListType.ChinesePatentMedicine:
                    code = "Z" + (char)('A' + Next(10)) + Next(99).ToString("D2", Inv) + "GEN" + seq + "01";
                    name = PatentStems[Next(PatentStems.Length)] + PatentForms[Next(PatentForms.Length)] + "（规格" + (1 + Next(5)).ToString(Inv) + "）";
                    unit = "盒";
                    break;
                case CatalogListType.ChineseHerbalPieces:
                    code = "T9" + seq + "0";
                    name = Herbs[Next(Herbs.Length)] + HerbProcess[Next(HerbProcess.Length)] + "（" + seq + "）";
                    unit = "克";
                    price = (Next(200) + 5) / 100m;
                    break;
                case CatalogListType.MedicalService:
                    code = "0" + (10 + Next(80)).ToString(Inv) + seq + "00000";
                    name = Services[Next(Services.Length)] + ServiceVariants[Next(ServiceVariants.Length)] + "（" + seq + "）";
                    unit = "次";
                    break;
                default:
                    code = "C" + (10 + Next(80)).ToString(Inv) + "GEN" + seq + "0000000000000";
                    name = Consumables[Next(Consumables.Length)] + "（" + seq + "）";
                    unit = "个";
                    price *= 5m;
                    break;
            }

            var restrictionRoll = Next(100);
            var restrictions = restrictionRoll switch
            {
                < 5 => new ItemRestrictions { MinInstitutionLevel = InstitutionLevel.Second },
                < 8 => new ItemRestrictions { VisitTypes = VisitTypeSet.Inpatient },
                < 10 => new ItemRestrictions { MaxAge = 14 },
                < 12 => new ItemRestrictions { MaxQuantityPerDay = 3m },
                _ => ItemRestrictions.None,
            };
            items.Add(new CatalogItem
            {
                Code = code,
                Name = name,
                ListType = type,
                Unit = unit,
                Category = cat,
                PriceCap = cat != PaymentCategory.C && Next(4) == 0 ? Math.Round(price * 0.9m, 2, MidpointRounding.AwayFromZero) : null,
                SelfPayRatios = cat == PaymentCategory.B ? Ratio((5 + (Next(4) * 5)) / 100m, Next(5) == 0 ? 0.05m : null) : [],
                Restrictions = restrictions,
            });
        }

        return items;
    }

    /// <summary>A few ICD-10 diagnoses used by the samples.</summary>
    public static IReadOnlyList<Diagnosis> Diagnoses { get; } =
    [
        new("I10.x00", "原发性高血压"), new("E11.900", "2型糖尿病"), new("J18.900", "肺炎"), new("C34.900", "支气管和肺恶性肿瘤"),
        new("C18.900", "结肠恶性肿瘤"), new("N18.500", "慢性肾脏病5期"), new("I21.900", "急性心肌梗死"), new("O82.000", "经选择性剖宫产术的分娩"),
        new("O80.000", "单胎顺产"), new("K35.900", "急性阑尾炎"), new("H25.900", "老年性白内障"), new("J06.900", "急性上呼吸道感染"),
    ];
}
