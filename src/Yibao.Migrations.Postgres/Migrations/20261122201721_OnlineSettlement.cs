using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yibao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OnlineSettlement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "institution_id",
                table: "journal_lines",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "api_clients",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    institution_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    key_hint = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    key_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revoked_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_clients", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_clients_institutions_institution_id",
                        column: x => x.institution_id,
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "api_request_logs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    institution_id = table.Column<long>(type: "bigint", nullable: false),
                    msgid = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    infno = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: false),
                    response_json = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_request_logs", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_request_logs_institutions_institution_id",
                        column: x => x.institution_id,
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "medical_encounters",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    mdtrt_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    institution_id = table.Column<long>(type: "bigint", nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    psn_no = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    insutype = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    med_type = table.Column<int>(type: "integer", nullable: false),
                    begin_date = table.Column<DateOnly>(type: "date", nullable: false),
                    dise_codg = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    chronic_disease = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    insuplc_admdvs = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_medical_encounters", x => x.id);
                    table.ForeignKey(
                        name: "fk_medical_encounters_institutions_institution_id",
                        column: x => x.institution_id,
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_medical_encounters_persons_person_id",
                        column: x => x.person_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "person_accumulators",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    values_json = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_accumulators", x => x.id);
                    table.ForeignKey(
                        name: "fk_person_accumulators_persons_person_id",
                        column: x => x.person_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fee_details",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    encounter_id = table.Column<long>(type: "bigint", nullable: false),
                    feedetl_sn = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    med_list_codg = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    medins_list_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    cnt = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    pric = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    det_item_fee_sumamt = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    fee_ocur_date = table.Column<DateOnly>(type: "date", nullable: false),
                    cancelled = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fee_details", x => x.id);
                    table.ForeignKey(
                        name: "fk_fee_details_medical_encounters_encounter_id",
                        column: x => x.encounter_id,
                        principalTable: "medical_encounters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "settlements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    setl_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    encounter_id = table.Column<long>(type: "bigint", nullable: false),
                    institution_id = table.Column<long>(type: "bigint", nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    psn_no = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    insutype = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    med_type = table.Column<int>(type: "integer", nullable: false),
                    insuplc_admdvs = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    setl_date = table.Column<DateOnly>(type: "date", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    policy_version_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    scheme_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    medfee_sumamt = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    fulamt_ownpay_amt = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    overlmt_selfpay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    preselfpay_amt = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    inscp_scp_amt = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    act_pay_dedc = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    hifp_pay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    pool_prop_selfpay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    cvlserv_pay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    hifob_pay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    hifmi_pay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    hifdm_pay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    maf_pay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    oth_pay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    fund_pay_sumamt = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    psn_part_amt = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    acct_pay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    psn_cash_pay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    explanation_json = table.Column<string>(type: "text", nullable: false),
                    lines_json = table.Column<string>(type: "text", nullable: false),
                    accumulators_before_json = table.Column<string>(type: "text", nullable: false),
                    accumulators_after_json = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    journal_entry_id = table.Column<long>(type: "bigint", nullable: true),
                    reversal_journal_entry_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    cancelled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settlements", x => x.id);
                    table.ForeignKey(
                        name: "fk_settlements_institutions_institution_id",
                        column: x => x.institution_id,
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_settlements_journal_entries_journal_entry_id",
                        column: x => x.journal_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_settlements_journal_entries_reversal_journal_entry_id",
                        column: x => x.reversal_journal_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_settlements_medical_encounters_encounter_id",
                        column: x => x.encounter_id,
                        principalTable: "medical_encounters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_clients_institution_id",
                table: "api_clients",
                column: "institution_id");

            migrationBuilder.CreateIndex(
                name: "ix_api_clients_key_hash",
                table: "api_clients",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_request_logs_institution_id_msgid",
                table: "api_request_logs",
                columns: new[] { "institution_id", "msgid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fee_details_encounter_id_feedetl_sn",
                table: "fee_details",
                columns: new[] { "encounter_id", "feedetl_sn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_medical_encounters_institution_id_begin_date",
                table: "medical_encounters",
                columns: new[] { "institution_id", "begin_date" });

            migrationBuilder.CreateIndex(
                name: "ix_medical_encounters_mdtrt_id",
                table: "medical_encounters",
                column: "mdtrt_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_medical_encounters_person_id",
                table: "medical_encounters",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_accumulators_person_id_year",
                table: "person_accumulators",
                columns: new[] { "person_id", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_settlements_encounter_id",
                table: "settlements",
                column: "encounter_id");

            migrationBuilder.CreateIndex(
                name: "ix_settlements_institution_id_setl_date",
                table: "settlements",
                columns: new[] { "institution_id", "setl_date" });

            migrationBuilder.CreateIndex(
                name: "ix_settlements_journal_entry_id",
                table: "settlements",
                column: "journal_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_settlements_person_id_year",
                table: "settlements",
                columns: new[] { "person_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_settlements_reversal_journal_entry_id",
                table: "settlements",
                column: "reversal_journal_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_settlements_setl_id",
                table: "settlements",
                column: "setl_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_clients");

            migrationBuilder.DropTable(
                name: "api_request_logs");

            migrationBuilder.DropTable(
                name: "fee_details");

            migrationBuilder.DropTable(
                name: "person_accumulators");

            migrationBuilder.DropTable(
                name: "settlements");

            migrationBuilder.DropTable(
                name: "medical_encounters");

            migrationBuilder.DropColumn(
                name: "institution_id",
                table: "journal_lines");
        }
    }
}
