using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yibao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SettlementOpsAndDisbursements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "cancelled_by",
                table: "settlements",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "agreement_end",
                table: "institutions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "agreement_start",
                table: "institutions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status_reason",
                table: "institutions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "disbursements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    disbursement_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    institution_id = table.Column<long>(type: "bigint", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    fund = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: false),
                    memo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    journal_entry_id = table.Column<long>(type: "bigint", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disbursements", x => x.id);
                    table.ForeignKey(
                        name: "fk_disbursements_institutions_institution_id",
                        column: x => x.institution_id,
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_disbursements_journal_entries_journal_entry_id",
                        column: x => x.journal_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_disbursement_no",
                table: "disbursements",
                column: "disbursement_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_institution_id_year_month_fund",
                table: "disbursements",
                columns: new[] { "institution_id", "year", "month", "fund" });

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_journal_entry_id",
                table: "disbursements",
                column: "journal_entry_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "disbursements");

            migrationBuilder.DropColumn(
                name: "cancelled_by",
                table: "settlements");

            migrationBuilder.DropColumn(
                name: "agreement_end",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "agreement_start",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "status_reason",
                table: "institutions");
        }
    }
}
