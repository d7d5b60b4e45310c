namespace Yibao.Infrastructure.Demo;

/// <summary>
/// Word lists for the fictional 示范县: surnames by approximate national frequency, given-name characters
/// by generation and gender, syllables for place names, trades for employers. Written for this project.
/// </summary>
internal static class DemoNames
{
    /// <summary>Common surnames with rough relative frequency (per mille).</summary>
    public static readonly (string Name, double Weight)[] Surnames =
    [
        ("王", 71.5), ("李", 72.0), ("张", 68.6), ("刘", 53.8), ("陈", 45.3), ("杨", 31.0), ("黄", 22.3), ("赵", 20.0),
        ("吴", 18.3), ("周", 18.2), ("徐", 13.1), ("孙", 12.9), ("马", 12.0), ("朱", 11.3), ("胡", 11.1), ("郭", 10.4),
        ("何", 10.1), ("林", 9.5), ("高", 9.5), ("罗", 8.9), ("郑", 8.1), ("梁", 7.8), ("谢", 7.0), ("宋", 6.1),
        ("唐", 6.0), ("许", 5.7), ("韩", 5.5), ("邓", 5.4), ("冯", 5.4), ("曹", 5.2), ("彭", 4.9), ("曾", 4.7),
        ("肖", 4.6), ("田", 4.4), ("董", 4.3), ("潘", 4.1), ("袁", 4.1), ("蔡", 3.8), ("蒋", 3.8), ("余", 3.7),
        ("于", 3.7), ("杜", 3.6), ("叶", 3.5), ("程", 3.4), ("魏", 3.3), ("苏", 3.3), ("吕", 3.3), ("丁", 3.2),
        ("任", 3.1), ("卢", 3.0), ("姚", 3.0), ("沈", 2.9), ("钟", 2.8), ("姜", 2.8), ("崔", 2.7), ("谭", 2.7),
        ("陆", 2.6), ("范", 2.5), ("汪", 2.5), ("廖", 2.5), ("石", 2.4), ("金", 2.3), ("韦", 2.3), ("贾", 2.3),
        ("夏", 2.2), ("付", 2.2), ("方", 2.1), ("邹", 2.0), ("熊", 2.0), ("白", 2.0), ("孟", 2.0), ("秦", 1.9),
        ("邱", 1.9), ("侯", 1.8), ("江", 1.8), ("尹", 1.8), ("薛", 1.7), ("闫", 1.7), ("段", 1.6), ("雷", 1.6),
        ("龙", 1.5), ("黎", 1.5), ("史", 1.5), ("陶", 1.4), ("贺", 1.4), ("毛", 1.3), ("郝", 1.3), ("顾", 1.3),
        ("龚", 1.2), ("邵", 1.2), ("万", 1.2), ("覃", 1.1), ("武", 1.1), ("钱", 1.1), ("戴", 1.1), ("严", 1.1),
        ("莫", 1.0), ("孔", 1.0), ("向", 1.0), ("常", 1.0), ("汤", 0.9), ("康", 0.9), ("易", 0.9), ("乔", 0.9),
        ("赖", 0.9), ("文", 0.9), ("施", 0.8), ("洪", 0.8), ("辛", 0.5), ("柳", 0.5), ("欧阳", 0.4), ("司马", 0.05),
    ];

    /// <summary>Two-character given names typical of people born before about 1965.</summary>
    public static readonly string[] OldMale =
    [
        "建国", "建华", "国强", "德明", "志强", "玉林", "长生", "福贵", "光明", "永福", "树林", "德胜", "明华", "春生",
        "金山", "水生", "国华", "振华", "文斌", "学文", "有才", "天佑", "守成", "宗仁", "世荣", "炳坤", "清泉", "洪涛",
    ];

    public static readonly string[] OldFemale =
    [
        "秀英", "桂英", "秀兰", "玉兰", "桂兰", "凤英", "玉珍", "淑珍", "秀珍", "桂芳", "玉梅", "翠花", "素芬", "秀芳",
        "兰英", "冬梅", "春兰", "菊香", "金凤", "月娥", "淑华", "玉英", "桂香", "素珍", "秋菊", "巧云", "彩霞", "凤兰",
    ];

    /// <summary>Given-name characters for people born from about 1965 on.</summary>
    public static readonly string[] MaleChars =
    [
        "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞", "鑫", "波", "宇",
        "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "阳", "峰", "亮", "成", "东", "文", "博", "轩", "睿",
        "泽", "晨", "毅", "航", "诚", "翔", "昊", "然", "嘉", "铭", "子", "思", "志", "永", "海", "建", "国", "天",
    ];

    public static readonly string[] FemaleChars =
    [
        "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "玲", "燕", "红", "梅", "琳", "莉", "婷", "雪", "慧", "倩", "颖",
        "洁", "晶", "欣", "怡", "萍", "蕾", "佳", "悦", "雨", "琪", "涵", "瑶", "璐", "露", "彤", "妍", "馨", "诗", "梓",
        "紫", "可", "心", "晓", "春", "秀", "月", "婉", "文", "思", "子", "欣", "一", "若", "语", "嘉",
    ];

    /// <summary>Given-name characters that only begin a two-character name, never stand alone or come second.</summary>
    public static readonly HashSet<string> LeadingOnly = new(StringComparer.Ordinal)
    {
        "子", "思", "嘉", "一", "若", "语", "梓", "紫", "可", "晓", "诗", "天", "永", "志",
    };

    /// <summary>Syllables for township and village names (both characters come from here).</summary>
    public static readonly string[] PlaceFirst =
    [
        "青", "石", "柳", "桃", "杏", "梨", "白", "黄", "红", "金", "银", "龙", "凤", "马", "牛", "鹿", "云", "雾",
        "清", "水", "溪", "河", "沙", "松", "柏", "竹", "梅", "兰", "新", "太", "长", "永", "安", "宁", "福", "兴",
        "东", "西", "南", "北", "上", "下", "大", "小", "高", "平", "双", "三", "五", "花", "茶", "板", "铁", "观",
    ];

    public static readonly string[] PlaceSecond =
    [
        "坪", "坝", "桥", "湾", "溪", "沟", "岭", "山", "塘", "林", "园", "家", "庄", "口", "峰", "岩", "滩", "坡",
        "田", "冲", "垭", "场", "铺", "关", "寨", "堡", "台", "坊", "河", "泉", "渡", "阳", "安", "丰", "和", "兴",
    ];

    /// <summary>Government organs of a county (机关, 登记管理部门码 1 / 机构类别码 1).</summary>
    public static readonly string[] CountyOrgans =
    [
        "人民政府办公室", "发展和改革局", "教育局", "科学技术和经济信息化局", "公安局", "民政局", "司法局", "财政局",
        "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局",
        "商务局", "文化广播电视和旅游局", "卫生健康局", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局",
        "统计局", "医疗保障局", "林业局", "乡村振兴局", "信访局", "人民法院", "人民检察院", "档案馆",
    ];

    /// <summary>County-level public institutions (事业单位, 12).</summary>
    public static readonly string[] CountyPublicInstitutions =
    [
        "第一中学", "第二中学", "职业中学", "实验小学", "疾病预防控制中心", "医疗保险事务中心", "社会保险事务中心",
        "就业服务中心", "融媒体中心", "图书馆", "文化馆", "农业技术推广中心", "畜牧兽医服务中心", "水务服务中心",
        "不动产登记中心", "公共资源交易中心", "气象局", "幼儿园", "特殊教育学校", "林业和草原服务中心",
    ];

    /// <summary>Township public institutions, prefixed with the township name.</summary>
    public static readonly string[] TownshipPublicInstitutions =
    [
        "中心小学", "初级中学", "中心幼儿园", "农业综合服务中心", "社会事务服务中心", "便民服务中心",
    ];

    public static readonly string[] EnterpriseTrades =
    [
        "农业开发", "生态农业", "茶业", "食品", "酒业", "建材", "建筑工程", "商贸", "物流", "电子科技", "机械制造",
        "旅游开发", "劳务服务", "运输", "果蔬种植", "畜牧养殖", "中药材种植", "竹木制品", "矿业", "水电开发", "纺织",
        "汽车服务", "物业管理", "房地产开发", "餐饮管理", "医药连锁", "印务", "环保科技", "粮油", "包装",
    ];

    public static readonly string[] EnterpriseSuffixes = ["有限公司", "有限责任公司", "有限公司", "有限公司"];

    /// <summary>Trades that are often organized as 农民专业合作社.</summary>
    public static readonly HashSet<string> FarmingTrades = new(StringComparer.Ordinal)
    {
        "生态农业", "茶业", "果蔬种植", "畜牧养殖", "中药材种植",
    };

    public static readonly string[] ShopTrades =
    [
        "副食店", "百货商店", "五金店", "农资店", "理发店", "汽车修理部", "小吃店", "饭店", "服装店", "家电维修部",
        "建材经营部", "粮油店", "烟酒店", "手机店", "摩托车修理部", "茶馆", "面馆", "超市", "药材收购点", "水果店",
    ];

    public static readonly string[] PharmacyBrands =
    [
        "康宁", "仁和", "益民", "百草", "惠民", "安康", "济生", "同心", "福寿", "德仁", "众康", "利民",
    ];

    /// <summary>Mobile number prefixes (format-valid; the 8 digits after them are random, not real subscribers).</summary>
    public static readonly string[] PhonePrefixes =
    [
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157",
        "158", "159", "166", "173", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "199",
    ];
}
