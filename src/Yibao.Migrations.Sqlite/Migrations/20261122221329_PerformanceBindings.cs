using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PerformanceBindings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "performance_bindings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    budget_id = table.Column<long>(type: "INTEGER", nullable: false),
                    indicator_path = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    indicator_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    metric_id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    evidence = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    attachment_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_performance_bindings", x => x.id);
                    table.ForeignKey(
                        name: "fk_performance_bindings_budgets_budget_id",
                        column: x => x.budget_id,
                        principalTable: "budgets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "performance_evaluations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    budget_id = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    total_score = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: false),
                    grade = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    lines_json = table.Column<string>(type: "TEXT", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    submitted_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_performance_evaluations", x => x.id);
                    table.ForeignKey(
                        name: "fk_performance_evaluations_budgets_budget_id",
                        column: x => x.budget_id,
                        principalTable: "budgets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "population_baselines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    population = table.Column<long>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_population_baselines", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_performance_bindings_budget_id_indicator_path",
                table: "performance_bindings",
                columns: new[] { "budget_id", "indicator_path" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_performance_evaluations_budget_id",
                table: "performance_evaluations",
                column: "budget_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_population_baselines_year",
                table: "population_baselines",
                column: "year",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "performance_bindings");

            migrationBuilder.DropTable(
                name: "performance_evaluations");

            migrationBuilder.DropTable(
                name: "population_baselines");
        }
    }
}
