using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Migrations.Sqlite.Migrations
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    statement_no = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    institution_id = table.Column<long>(type: "INTEGER", nullable: false),
                    fixmedins_code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    fixmedins_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    month = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    settled_count = table.Column<int>(type: "INTEGER", nullable: false),
                    cancelled_count = table.Column<int>(type: "INTEGER", nullable: false),
                    adjustment_count = table.Column<int>(type: "INTEGER", nullable: false),
                    adjustment_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    fields_json = table.Column<string>(type: "TEXT", nullable: false),
                    funds_json = table.Column<string>(type: "TEXT", nullable: false),
                    deductions_json = table.Column<string>(type: "TEXT", nullable: false),
                    total_owed = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    total_deducted = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    generated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    generated_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    paid_at = table.Column<DateTime>(type: "TEXT", nullable: true)
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
