using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SupervisionPaymentsAppeals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "paid_amount",
                table: "supervision_case_outcomes",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<long>(
                name: "reversal_entry_id",
                table: "supervision_case_outcomes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reversal_reason",
                table: "supervision_case_outcomes",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "reversed_on",
                table: "supervision_case_outcomes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "supervision_outcome_payments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    outcome_id = table.Column<long>(type: "INTEGER", nullable: false),
                    paid_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    payment_no = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    journal_entry_id = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supervision_outcome_payments", x => x.id);
                    table.ForeignKey(
                        name: "fk_supervision_outcome_payments_journal_entries_journal_entry_id",
                        column: x => x.journal_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_supervision_outcome_payments_supervision_case_outcomes_outcome_id",
                        column: x => x.outcome_id,
                        principalTable: "supervision_case_outcomes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_supervision_case_outcomes_reversal_entry_id",
                table: "supervision_case_outcomes",
                column: "reversal_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_outcome_payments_journal_entry_id",
                table: "supervision_outcome_payments",
                column: "journal_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_outcome_payments_outcome_id",
                table: "supervision_outcome_payments",
                column: "outcome_id");

            migrationBuilder.CreateIndex(
                name: "ix_supervision_outcome_payments_payment_no",
                table: "supervision_outcome_payments",
                column: "payment_no",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_supervision_case_outcomes_journal_entries_reversal_entry_id",
                table: "supervision_case_outcomes",
                column: "reversal_entry_id",
                principalTable: "journal_entries",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_supervision_case_outcomes_journal_entries_reversal_entry_id",
                table: "supervision_case_outcomes");

            migrationBuilder.DropTable(
                name: "supervision_outcome_payments");

            migrationBuilder.DropIndex(
                name: "ix_supervision_case_outcomes_reversal_entry_id",
                table: "supervision_case_outcomes");

            migrationBuilder.DropColumn(
                name: "paid_amount",
                table: "supervision_case_outcomes");

            migrationBuilder.DropColumn(
                name: "reversal_entry_id",
                table: "supervision_case_outcomes");

            migrationBuilder.DropColumn(
                name: "reversal_reason",
                table: "supervision_case_outcomes");

            migrationBuilder.DropColumn(
                name: "reversed_on",
                table: "supervision_case_outcomes");
        }
    }
}
