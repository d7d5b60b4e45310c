using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yibao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EmployeeContributions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "collection_plans",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    employer_id = table.Column<long>(type: "bigint", nullable: false),
                    insuplc_admdvs = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    period = table.Column<int>(type: "integer", nullable: false),
                    headcount = table.Column<int>(type: "integer", nullable: false),
                    employer_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    employee_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    total_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    generated_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collection_plans", x => x.id);
                    table.ForeignKey(
                        name: "fk_collection_plans_employers_employer_id",
                        column: x => x.employer_id,
                        principalTable: "employers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "contribution_bases",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    employer_id = table.Column<long>(type: "bigint", nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    insuplc_admdvs = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    declared_base = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    clct_base = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    declared_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contribution_bases", x => x.id);
                    table.ForeignKey(
                        name: "fk_contribution_bases_employers_employer_id",
                        column: x => x.employer_id,
                        principalTable: "employers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_contribution_bases_persons_person_id",
                        column: x => x.person_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "employee_contribution_policies",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    insuplc_admdvs = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    average_monthly_wage = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    floor_ratio = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: false),
                    ceiling_ratio = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: false),
                    employer_rate = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: false),
                    employee_rate = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: false),
                    flexible_rate = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employee_contribution_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "employer_payments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    employer_id = table.Column<long>(type: "bigint", nullable: false),
                    period = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ticket_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    source_file = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    journal_entry_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employer_payments", x => x.id);
                    table.ForeignKey(
                        name: "fk_employer_payments_employers_employer_id",
                        column: x => x.employer_id,
                        principalTable: "employers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_employer_payments_journal_entries_journal_entry_id",
                        column: x => x.journal_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "flexible_contributions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    insuplc_admdvs = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    period = table.Column<int>(type: "integer", nullable: false),
                    clct_base = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    rate = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: false),
                    receipt_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    journal_entry_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_flexible_contributions", x => x.id);
                    table.ForeignKey(
                        name: "fk_flexible_contributions_journal_entries_journal_entry_id",
                        column: x => x.journal_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_flexible_contributions_persons_person_id",
                        column: x => x.person_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "collection_plan_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<long>(type: "bigint", nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    clct_base = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    employer_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    employee_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collection_plan_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_collection_plan_lines_collection_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "collection_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_collection_plan_lines_person_id",
                table: "collection_plan_lines",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_collection_plan_lines_plan_id",
                table: "collection_plan_lines",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_collection_plans_employer_id_period",
                table: "collection_plans",
                columns: new[] { "employer_id", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_collection_plans_period",
                table: "collection_plans",
                column: "period");

            migrationBuilder.CreateIndex(
                name: "ix_contribution_bases_employer_id_year_person_id",
                table: "contribution_bases",
                columns: new[] { "employer_id", "year", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_contribution_bases_person_id_year",
                table: "contribution_bases",
                columns: new[] { "person_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_employee_contribution_policies_insuplc_admdvs_year",
                table: "employee_contribution_policies",
                columns: new[] { "insuplc_admdvs", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_employer_payments_employer_id_period",
                table: "employer_payments",
                columns: new[] { "employer_id", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_employer_payments_journal_entry_id",
                table: "employer_payments",
                column: "journal_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_employer_payments_ticket_no",
                table: "employer_payments",
                column: "ticket_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_flexible_contributions_journal_entry_id",
                table: "flexible_contributions",
                column: "journal_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_flexible_contributions_person_id_period",
                table: "flexible_contributions",
                columns: new[] { "person_id", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_flexible_contributions_receipt_no",
                table: "flexible_contributions",
                column: "receipt_no",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "collection_plan_lines");

            migrationBuilder.DropTable(
                name: "contribution_bases");

            migrationBuilder.DropTable(
                name: "employee_contribution_policies");

            migrationBuilder.DropTable(
                name: "employer_payments");

            migrationBuilder.DropTable(
                name: "flexible_contributions");

            migrationBuilder.DropTable(
                name: "collection_plans");
        }
    }
}
