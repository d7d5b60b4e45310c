using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yibao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PersonalAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "account_interest_rate",
                table: "employee_contribution_policies",
                type: "numeric(9,4)",
                precision: 9,
                scale: 4,
                nullable: false,
                defaultValue: 0.015m);

            migrationBuilder.AddColumn<decimal>(
                name: "account_share_of_employee_contribution",
                table: "employee_contribution_policies",
                type: "numeric(9,4)",
                precision: 9,
                scale: 4,
                nullable: false,
                defaultValue: 1.00m);

            migrationBuilder.AddColumn<decimal>(
                name: "retired_account_monthly",
                table: "employee_contribution_policies",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 100.00m);

            migrationBuilder.CreateTable(
                name: "personal_accounts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    insuplc_admdvs = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    opened_on = table.Column<DateOnly>(type: "date", nullable: false),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_personal_accounts", x => x.id);
                    table.ForeignKey(
                        name: "fk_personal_accounts_persons_person_id",
                        column: x => x.person_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "personal_account_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_id = table.Column<long>(type: "bigint", nullable: false),
                    entry_date = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    memo = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    source_key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    counterpart_person_id = table.Column<long>(type: "bigint", nullable: true),
                    journal_entry_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_personal_account_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_personal_account_entries_journal_entries_journal_entry_id",
                        column: x => x.journal_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_personal_account_entries_personal_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "personal_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_personal_account_entries_account_id_source_key",
                table: "personal_account_entries",
                columns: new[] { "account_id", "source_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_personal_account_entries_journal_entry_id",
                table: "personal_account_entries",
                column: "journal_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_personal_account_entries_source_key_account_id",
                table: "personal_account_entries",
                columns: new[] { "source_key", "account_id" });

            migrationBuilder.CreateIndex(
                name: "ix_personal_accounts_person_id",
                table: "personal_accounts",
                column: "person_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "personal_account_entries");

            migrationBuilder.DropTable(
                name: "personal_accounts");

            migrationBuilder.DropColumn(
                name: "account_interest_rate",
                table: "employee_contribution_policies");

            migrationBuilder.DropColumn(
                name: "account_share_of_employee_contribution",
                table: "employee_contribution_policies");

            migrationBuilder.DropColumn(
                name: "retired_account_monthly",
                table: "employee_contribution_policies");
        }
    }
}
