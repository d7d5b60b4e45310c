using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BudgetClassifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "budget_classifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    parent_code = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    gov_economic_code = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    imported_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    imported_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budget_classifications", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_budget_classifications_year_kind_code",
                table: "budget_classifications",
                columns: new[] { "year", "kind", "code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "budget_classifications");
        }
    }
}
