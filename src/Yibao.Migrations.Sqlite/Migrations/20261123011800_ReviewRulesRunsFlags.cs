using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReviewRulesRunsFlags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "review_rules",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    rule_code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    type = table.Column<int>(type: "INTEGER", nullable: false),
                    result = table.Column<int>(type: "INTEGER", nullable: false),
                    window = table.Column<int>(type: "INTEGER", nullable: false),
                    window_days = table.Column<int>(type: "INTEGER", nullable: true),
                    scope_json = table.Column<string>(type: "TEXT", nullable: false),
                    stages = table.Column<int>(type: "INTEGER", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    effective_to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    parameters_json = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    rule_set_id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "review_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    from_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    to_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    rule_codes = table.Column<string>(type: "TEXT", nullable: false),
                    rule_count = table.Column<int>(type: "INTEGER", nullable: false),
                    person_count = table.Column<int>(type: "INTEGER", nullable: false),
                    encounter_count = table.Column<int>(type: "INTEGER", nullable: false),
                    line_count = table.Column<long>(type: "INTEGER", nullable: false),
                    flag_count = table.Column<int>(type: "INTEGER", nullable: false),
                    flag_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    auto_accepted = table.Column<int>(type: "INTEGER", nullable: false),
                    auto_deducted = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    read_seconds = table.Column<double>(type: "REAL", nullable: false),
                    evaluate_seconds = table.Column<double>(type: "REAL", nullable: false),
                    total_seconds = table.Column<double>(type: "REAL", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "review_flags",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    rule_code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    rule_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    rule_type = table.Column<int>(type: "INTEGER", nullable: false),
                    result = table.Column<int>(type: "INTEGER", nullable: false),
                    institution_id = table.Column<long>(type: "INTEGER", nullable: false),
                    person_id = table.Column<long>(type: "INTEGER", nullable: false),
                    encounter_id = table.Column<long>(type: "INTEGER", nullable: false),
                    insutype = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    fee_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    line_ids = table.Column<string>(type: "TEXT", nullable: false),
                    line_count = table.Column<int>(type: "INTEGER", nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    parameter = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    decision_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    journal_entry_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_flags", x => x.id);
                    table.ForeignKey(
                        name: "fk_review_flags_institutions_institution_id",
                        column: x => x.institution_id,
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_review_flags_journal_entries_journal_entry_id",
                        column: x => x.journal_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_review_flags_review_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "review_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_review_flags_institution_id_status",
                table: "review_flags",
                columns: new[] { "institution_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_review_flags_journal_entry_id",
                table: "review_flags",
                column: "journal_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_flags_rule_code",
                table: "review_flags",
                column: "rule_code");

            migrationBuilder.CreateIndex(
                name: "ix_review_flags_run_id_status",
                table: "review_flags",
                columns: new[] { "run_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_review_rules_rule_code",
                table: "review_rules",
                column: "rule_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_review_rules_status",
                table: "review_rules",
                column: "status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "review_flags");

            migrationBuilder.DropTable(
                name: "review_rules");

            migrationBuilder.DropTable(
                name: "review_runs");
        }
    }
}
