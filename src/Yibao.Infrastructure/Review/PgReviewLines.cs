using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Npgsql;
using Yibao.Domain.Catalogs;
using Yibao.Domain.Institutions;
using Yibao.Domain.Review;

namespace Yibao.Infrastructure.Review;

/// <summary>
/// The PostgreSQL fast path of <see cref="ReviewBatchReader"/>: encounters and fee lines as binary COPY
/// (<c>COPY (SELECT …) TO STDOUT (FORMAT BINARY)</c>) of the stored columns as they are, parsed straight from the wire with no
/// allocation per line.
/// <list type="bullet">
/// <item>医保目录编码 → the <see cref="CodeTable"/> id through a dictionary looked up with the wire bytes (one string per distinct
/// code; codes the rules do not name → <see cref="CodeTable.Unknown"/>);</item>
/// <item>cnt, pric, det_item_fee_sumamt decoded from the numeric wire form straight to × 1000, × 10000, × 100 integers rounded half
/// away from zero — the integers <see cref="ReviewBatchBuilder.AddLine(int, string, DateOnly, decimal, decimal, decimal, int)"/> makes;
/// dates as day numbers. The server only scans and joins (measured: asking it to round or to map codes costs it more CPU than
/// decoding here);</item>
/// <item>the fee lines in parallel streams, each over a range of the table's blocks (TID range scan), each on its own
/// connection, appended to the builder in blocks of 64K lines.</item>
/// </list>
/// COPY takes no bind parameters: the period is inlined as ISO date literals built from <see cref="DateOnly"/> values (no user text).
/// </summary>
internal static class PgReviewLines
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    internal sealed record Result(long[] EncounterIds, string[] Insutypes, long[] LineIds, int Streams);

    public static async Task<Result> ReadAsync(NpgsqlConnection conn, string? connectionString, int streams, int minBlocksPerStream, DateOnly from, DateOnly to, CodeTable items,
        ReviewBatchBuilder builder, Dictionary<long, int> personIndex, CancellationToken ct)
    {
        var filter = string.Create(Inv, $"e.begin_date >= DATE '{from:yyyy-MM-dd}' AND e.begin_date <= DATE '{to:yyyy-MM-dd}' AND e.status <> 3");

        // Encounters: ids, person, institution and its level/type, visit type, 险种, admission and discharge as day numbers, diagnoses.
        var encounterIndex = new Dictionary<long, int>();
        var encounterIds = new List<long>();
        var insutypes = new List<string>();
        var insutypeCache = new Dictionary<string, string>(StringComparer.Ordinal);
        var diagCache = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var chars = new char[256];
        await using (var raw = await conn.BeginRawBinaryCopyAsync(
            "COPY (SELECT e.id, e.person_id, e.institution_id, i.level::int4, i.type::int4, e.med_type::int4, e.insutype::text, " +
            "(e.begin_date - DATE '0001-01-01')::int4, " +
            "(coalesce(CASE WHEN e.endtime IS NULL AND e.med_type = 21 THEN (SELECT MAX(f.fee_ocur_date) FROM fee_details f WHERE f.encounter_id = e.id) ELSE e.endtime END, e.begin_date) - DATE '0001-01-01')::int4, " +
            "coalesce(e.dscg_maindiag_code, e.dise_codg, '')::text " +
            "FROM medical_encounters e JOIN institutions i ON i.id = e.institution_id WHERE " + filter + ") TO STDOUT (FORMAT BINARY)", ct))
        {
            Patient(raw);
            var r = new PgCopyReader(raw);
            while (r.NextRow())
            {
                var eid = r.Int8();
                var pid = r.Int8();
                var inst = r.Int8();
                var level = r.Int4();
                var type = r.Int4();
                var visit = r.Int4();
                var insutype = Cached(insutypeCache, r.Text(), ref chars, static s => s);
                var begin = r.Int4();
                var end = r.Int4();
                var diag = Cached(diagCache, r.Text(), ref chars, static s => s.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                if (!personIndex.TryGetValue(pid, out var person))
                {
                    continue;
                }

                encounterIndex[eid] = builder.AddEncounter(person, checked((int)inst), (InstitutionLevel)level, (InstitutionType)type, (VisitType)visit, insutype,
                    DateOnly.FromDayNumber(begin), DateOnly.FromDayNumber(Math.Max(begin, end)), diag);
                encounterIds.Add(eid);
                insutypes.Add(insutype);
            }

            r.Finish();
        }

        // Fee lines: the table's blocks split into ranges, one COPY stream per range.
        long blocks;
        long estimate;
        await using (var cmd = new NpgsqlCommand(
            "SELECT (pg_relation_size('fee_details') / current_setting('block_size')::int8)::int8, " +
            "greatest((SELECT reltuples FROM pg_class WHERE oid = 'fee_details'::regclass), 0)::int8, " +
            "greatest((SELECT reltuples FROM pg_class WHERE oid = 'medical_encounters'::regclass), 1)::int8", conn))
        await using (var rd = await cmd.ExecuteReaderAsync(ct))
        {
            await rd.ReadAsync(ct);
            blocks = rd.GetInt64(0);
            // The period's share of the table by encounters (statistics, so only a capacity hint).
            estimate = (long)(rd.GetInt64(1) * Math.Min(1.0, 1.05 * encounterIds.Count / rd.GetInt64(2)));
        }

        streams = string.IsNullOrEmpty(connectionString) ? 1 : (int)Math.Clamp(Math.Min(streams, blocks / Math.Max(1, minBlocksPerStream)), 1, 8);
        builder.EnsureLineCapacity((int)Math.Min(estimate + 1024, Array.MaxLength));
        var lineIds = new List<long>((int)Math.Min(estimate + 1024, Array.MaxLength));
        var gate = new object();
        var tasks = new Task[streams];
        var extra = new List<NpgsqlConnection>();
        try
        {
            for (var k = 0; k < streams; k++)
            {
                var range = streams == 1 ? "" :
                    string.Create(Inv, $" AND f.ctid >= '({blocks * k / streams},0)'::tid") +
                    (k == streams - 1 ? "" : string.Create(Inv, $" AND f.ctid < '({blocks * (k + 1) / streams},0)'::tid"));
                var sql = "COPY (SELECT f.id, f.encounter_id, f.med_list_codg::text, f.fee_ocur_date, f.cnt, f.pric, f.det_item_fee_sumamt, COALESCE(f.medc_days, 0)::int4 " +
                          "FROM fee_details f JOIN medical_encounters e ON e.id = f.encounter_id " +
                          "WHERE " + filter + " AND NOT f.cancelled" + range + ") TO STDOUT (FORMAT BINARY)";
                NpgsqlConnection c;
                if (k == 0)
                {
                    c = conn;
                }
                else
                {
                    c = new NpgsqlConnection(connectionString);
                    extra.Add(c);
                    await c.OpenAsync(ct);
                }

                tasks[k] = Task.Run(() => StreamAsync(c, sql, items, encounterIndex, builder, lineIds, gate, ct), ct);
            }

            await Task.WhenAll(tasks);
        }
        finally
        {
            foreach (var c in extra)
            {
                await c.DisposeAsync();
            }
        }

        return new Result([.. encounterIds], [.. insutypes], [.. lineIds], streams);
    }

    private static async Task StreamAsync(NpgsqlConnection conn, string sql, CodeTable items, Dictionary<long, int> encounterIndex, ReviewBatchBuilder builder,
        List<long> lineIds, object gate, CancellationToken ct)
    {
        await using (var mem = new NpgsqlCommand("SET work_mem = '256MB'", conn))
        {
            await mem.ExecuteNonQueryAsync(ct);
        }

        {
            const int Block = 1 << 16;
            var enc = new int[Block];
            var item = new int[Block];
            var day = new int[Block];
            var qty = new long[Block];
            var price = new long[Block];
            var amount = new long[Block];
            var supply = new int[Block];
            var ids = new long[Block];
            var n = 0;

            void Flush()
            {
                lock (gate)
                {
                    builder.AddLines(enc.AsSpan(0, n), item.AsSpan(0, n), day.AsSpan(0, n), qty.AsSpan(0, n), price.AsSpan(0, n), amount.AsSpan(0, n), supply.AsSpan(0, n));
                    lineIds.AddRange(ids.AsSpan(0, n));
                }

                n = 0;
            }

            // 医保目录编码 → id: one string per distinct code (not per line), looked up from the wire bytes.
            var codes = new Dictionary<string, int>(StringComparer.Ordinal);
            var lookup = codes.GetAlternateLookup<ReadOnlySpan<char>>();
            var chars = new char[64];
            await using (var raw = await conn.BeginRawBinaryCopyAsync(sql, ct))
            {
                Patient(raw);
                var r = new PgCopyReader(raw);
                long lastEncounter = -1;
                var index = -1;
                while (r.NextRow())
                {
                    var id = r.Int8();
                    var eid = r.Int8();
                    if (eid != lastEncounter)
                    {
                        index = encounterIndex.TryGetValue(eid, out var x) ? x : -1;
                        lastEncounter = eid;
                    }

                    var utf8 = r.Text();
                    if (utf8.Length > chars.Length)
                    {
                        chars = new char[Encoding.UTF8.GetMaxCharCount(utf8.Length)];
                    }

                    var code = chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, chars));
                    if (!lookup.TryGetValue(code, out var it))
                    {
                        var known = items.Find(new string(code));
                        it = known < 0 ? CodeTable.Unknown : known;
                        lookup[code] = it;
                    }

                    var d = r.Date();
                    var q = r.Numeric(3);
                    var p = r.Numeric(4);
                    var a = r.Numeric(2);
                    var sd = r.Int4();
                    if (index < 0)
                    {
                        continue;
                    }

                    enc[n] = index;
                    item[n] = it;
                    day[n] = d;
                    qty[n] = q;
                    price[n] = p;
                    amount[n] = a;
                    supply[n] = sd;
                    ids[n] = id;
                    if (++n == Block)
                    {
                        Flush();
                    }
                }

                r.Finish();
            }

            if (n > 0)
            {
                Flush();
            }
        }

        // On failure the pool's session reset restores the setting.
        await using var cleanup = new NpgsqlCommand("RESET work_mem", conn);
        await cleanup.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// A year of a county is minutes of server work under load, not the connection's 30-second command timeout (a 742 000-flag
    /// COPY timed out at 30 s on the loaded test machine).
    /// </summary>
    internal static void Patient(Stream copy)
    {
        if (!copy.CanTimeout)
        {
            return;
        }

        try
        {
            copy.ReadTimeout = 3_600_000;
            copy.WriteTimeout = 3_600_000;
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException)
        {
            // A direction without a timeout keeps the connection's.
        }
    }

    /// <summary>One string (or value made from it) per distinct UTF-8 text, looked up without allocating.</summary>
    private static T Cached<T>(Dictionary<string, T> cache, ReadOnlySpan<byte> utf8, ref char[] chars, Func<string, T> make)
    {
        var need = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (need > chars.Length)
        {
            chars = new char[Math.Max(need, chars.Length * 2)];
        }

        var span = chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, chars));
        var lookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(span, out var value))
        {
            var s = new string(span);
            value = make(s);
            cache[s] = value;
        }

        return value;
    }
}

/// <summary>
/// Reads PostgreSQL's binary COPY format (header, rows of length-prefixed big-endian fields, trailer -1) from a raw copy stream
/// into a reusable buffer. Fields must not be NULL (the queries coalesce).
/// </summary>
internal sealed class PgCopyReader(Stream stream)
{
    private static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    private byte[] _buf = new byte[1 << 20];
    private int _pos;
    private int _end;
    private bool _header;
    private bool _done;

    /// <summary>Moves to the next row; false at the trailer.</summary>
    public bool NextRow()
    {
        if (_done)
        {
            return false;
        }

        if (!_header)
        {
            Ensure(19);
            if (!_buf.AsSpan(_pos, 11).SequenceEqual(Signature))
            {
                throw new InvalidDataException("COPY 二进制格式签名不符");
            }

            var extension = BinaryPrimitives.ReadInt32BigEndian(_buf.AsSpan(_pos + 15));
            _pos += 19;
            Ensure(extension);
            _pos += extension;
            _header = true;
        }

        Ensure(2);
        var fields = BinaryPrimitives.ReadInt16BigEndian(_buf.AsSpan(_pos));
        _pos += 2;
        if (fields == -1)
        {
            _done = true;
            return false;
        }

        return true;
    }

    public long Int8()
    {
        Ensure(12);
        var span = _buf.AsSpan(_pos);
        if (BinaryPrimitives.ReadInt32BigEndian(span) != 8)
        {
            throw new InvalidDataException("COPY 字段不是 int8");
        }

        _pos += 12;
        return BinaryPrimitives.ReadInt64BigEndian(span[4..]);
    }

    public int Int4()
    {
        Ensure(8);
        var span = _buf.AsSpan(_pos);
        if (BinaryPrimitives.ReadInt32BigEndian(span) != 4)
        {
            throw new InvalidDataException("COPY 字段不是 int4");
        }

        _pos += 8;
        return BinaryPrimitives.ReadInt32BigEndian(span[4..]);
    }

    private static readonly int Epoch2000 = new DateOnly(2000, 1, 1).DayNumber;

    private static readonly long[] Pow10 = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000, 100000000000,
        1000000000000, 10000000000000, 100000000000000, 1000000000000000, 10000000000000000, 100000000000000000, 1000000000000000000];

    /// <summary>A date as <see cref="DateOnly.DayNumber"/> (the wire holds days since 2000-01-01).</summary>
    public int Date() => Epoch2000 + Int4();

    /// <summary>
    /// A numeric × 10^<paramref name="scale"/>, rounded half away from zero (as <c>decimal.Round(x * 10^scale, AwayFromZero)</c>),
    /// decoded from the wire form: ndigits, weight, sign, dscale, then base-10000 digits.
    /// </summary>
    public long Numeric(int scale)
    {
        Ensure(12);
        var length = BinaryPrimitives.ReadInt32BigEndian(_buf.AsSpan(_pos));
        if (length < 8)
        {
            throw new InvalidDataException("COPY 字段不是 numeric");
        }

        _pos += 4;
        Ensure(length);
        var span = _buf.AsSpan(_pos, length);
        _pos += length;
        var digits = BinaryPrimitives.ReadInt16BigEndian(span);
        var weight = BinaryPrimitives.ReadInt16BigEndian(span[2..]);
        var sign = BinaryPrimitives.ReadUInt16BigEndian(span[4..]);
        if (sign is not (0x0000 or 0x4000))
        {
            throw new InvalidDataException("COPY numeric 字段不是有限数值");
        }

        long value = 0;
        var up = false;
        var fraction = false;
        for (var i = 0; i < digits; i++)
        {
            long d = BinaryPrimitives.ReadInt16BigEndian(span[(8 + 2 * i)..]);
            var power = 4 * (weight - i) + scale;
            if (power >= 0)
            {
                value = checked(value + d * Pow10[power]);
            }
            else if (!fraction)
            {
                // The most significant fractional group decides the rounding (later groups add less than one unit of it).
                fraction = true;
                var div = -power < Pow10.Length ? Pow10[-power] : long.MaxValue;
                value += d / div;
                up = d % div * 2 >= div;
            }
        }

        if (up)
        {
            value++;
        }

        return sign == 0x4000 ? -value : value;
    }

    /// <summary>A text field's UTF-8 bytes, valid until the next read.</summary>
    public ReadOnlySpan<byte> Text()
    {
        Ensure(4);
        var length = BinaryPrimitives.ReadInt32BigEndian(_buf.AsSpan(_pos));
        if (length < 0)
        {
            throw new InvalidDataException("COPY 字段为空值");
        }

        _pos += 4;
        Ensure(length);
        var span = _buf.AsSpan(_pos, length);
        _pos += length;
        return span;
    }

    /// <summary>Reads what is left of the stream so the COPY ends cleanly.</summary>
    public void Finish()
    {
        while (stream.Read(_buf, 0, _buf.Length) > 0)
        {
        }
    }

    private void Ensure(int count)
    {
        if (_end - _pos >= count)
        {
            return;
        }

        var left = _end - _pos;
        if (count > _buf.Length)
        {
            var bigger = new byte[Math.Max(count, _buf.Length * 2)];
            Buffer.BlockCopy(_buf, _pos, bigger, 0, left);
            _buf = bigger;
        }
        else
        {
            Buffer.BlockCopy(_buf, _pos, _buf, 0, left);
        }

        _pos = 0;
        _end = left;
        while (_end < count)
        {
            var read = stream.Read(_buf, _end, _buf.Length - _end);
            if (read == 0)
            {
                throw new EndOfStreamException("COPY 数据流提前结束");
            }

            _end += read;
        }
    }
}

/// <summary>
/// Writes PostgreSQL's binary COPY format (header, rows of length-prefixed big-endian fields, trailer -1) to a raw copy stream
/// through a reusable buffer: text as UTF-8, date as days since 2000-01-01, timestamptz as microseconds since 2000-01-01 UTC,
/// numeric in its base-10000 wire form.
/// </summary>
internal sealed class PgCopyWriter
{
    private static readonly int Epoch2000 = new DateOnly(2000, 1, 1).DayNumber;
    private static readonly long EpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly Stream _stream;
    private byte[] _buf = new byte[1 << 16];
    private int _pos;

    public PgCopyWriter(Stream stream)
    {
        _stream = stream;
        ReadOnlySpan<byte> header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', 0x0A, 0xFF, 0x0D, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];
        header.CopyTo(_buf);
        _pos = header.Length;
    }

    public void StartRow(int fields)
    {
        Room(2);
        BinaryPrimitives.WriteInt16BigEndian(_buf.AsSpan(_pos), checked((short)fields));
        _pos += 2;
    }

    public void Null()
    {
        Room(4);
        BinaryPrimitives.WriteInt32BigEndian(_buf.AsSpan(_pos), -1);
        _pos += 4;
    }

    public void Int4(int value)
    {
        Room(8);
        BinaryPrimitives.WriteInt32BigEndian(_buf.AsSpan(_pos), 4);
        BinaryPrimitives.WriteInt32BigEndian(_buf.AsSpan(_pos + 4), value);
        _pos += 8;
    }

    public void Int8(long value)
    {
        Room(12);
        BinaryPrimitives.WriteInt32BigEndian(_buf.AsSpan(_pos), 8);
        BinaryPrimitives.WriteInt64BigEndian(_buf.AsSpan(_pos + 4), value);
        _pos += 12;
    }

    public void Date(DateOnly value) => Int4(value.DayNumber - Epoch2000);

    public void TimestampTz(DateTime utc) => Int8((utc.Ticks - EpochTicks) / 10);

    /// <summary>Text, or NULL for null.</summary>
    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        Room(4 + max);
        var length = Encoding.UTF8.GetBytes(value, _buf.AsSpan(_pos + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buf.AsSpan(_pos), length);
        _pos += 4 + length;
    }

    /// <summary>A money amount (rounded to 分) as numeric with two decimals.</summary>
    public void Numeric(decimal amount)
    {
        var fen = (long)decimal.Round(amount * 100m, MidpointRounding.AwayFromZero);
        var negative = fen < 0;
        var u = negative ? -fen : fen;
        Span<short> groups = stackalloc short[8];
        var n = 0;
        for (var x = u / 100; x > 0; x /= 10000)
        {
            groups[n++] = (short)(x % 10000);
        }

        // groups holds the integer part least significant first; digits on the wire: most significant first, then the 分 group.
        var digits = n + 1;
        Room(4 + 8 + 2 * digits);
        var span = _buf.AsSpan(_pos);
        BinaryPrimitives.WriteInt32BigEndian(span, 8 + 2 * digits);
        BinaryPrimitives.WriteInt16BigEndian(span[4..], (short)digits);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], (short)(n - 1)); // weight: -1 when there is no integer part
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], negative ? (ushort)0x4000 : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(span[10..], 2);
        for (var i = 0; i < n; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(span[(12 + 2 * i)..], groups[n - 1 - i]);
        }

        BinaryPrimitives.WriteInt16BigEndian(span[(12 + 2 * n)..], (short)(u % 100 * 100));
        _pos += 12 + 2 * digits;
    }

    /// <summary>Writes the trailer and what is buffered, then ends the COPY (disposing the stream sends CopyDone).</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        Room(2);
        BinaryPrimitives.WriteInt16BigEndian(_buf.AsSpan(_pos), -1);
        _pos += 2;
        await _stream.WriteAsync(_buf.AsMemory(0, _pos), ct);
        _pos = 0;
        await _stream.DisposeAsync();
    }

    private void Room(int count)
    {
        if (_buf.Length - _pos >= count)
        {
            return;
        }

        _stream.Write(_buf, 0, _pos);
        _pos = 0;
        if (count > _buf.Length)
        {
            _buf = new byte[count];
        }
    }
}
