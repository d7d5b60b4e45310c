using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yibao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class StoredMonthlyStatements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "monthly_statements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    statement_no = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    institution_id = table.Column<long>(type: "bigint", nullable: false),
                    fixmedins_code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    fixmedins_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    settled_count = table.Column<int>(type: "integer", nullable: false),
                    cancelled_count = table.Column<int>(type: "integer", nullable: false),
                    adjustment_count = table.Column<int>(type: "integer", nullable: false),
                    adjustment_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    fields_json = table.Column<string>(type: "text", nullable: false),
                    funds_json = table.Column<string>(type: "text", nullable: false),
                    deductions_json = table.Column<string>(type: "text", nullable: false),
                    total_owed = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    total_deducted = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    generated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    generated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    paid_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monthly_statements", x => x.id);
                    table.ForeignKey(
                        name: "fk_monthly_statements_institutions_institution_id",
                        column: x => x.institution_id,
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_monthly_statements_institution_id_year_month",
                table: "monthly_statements",
                columns: new[] { "institution_id", "year", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_monthly_statements_statement_no",
                table: "monthly_statements",
                column: "statement_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_monthly_statements_year_month",
                table: "monthly_statements",
                columns: new[] { "year", "month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "monthly_statements");
        }
    }
}
