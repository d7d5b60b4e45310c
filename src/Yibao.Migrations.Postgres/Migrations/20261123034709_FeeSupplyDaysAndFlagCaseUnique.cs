using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FeeSupplyDaysAndFlagCaseUnique : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "medc_days",
                table: "fee_details",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ux_supervision_cases_review_flag",
                table: "supervision_cases",
                column: "source_ref",
                unique: true,
                filter: "source_type = 4");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_supervision_cases_review_flag",
                table: "supervision_cases");

            migrationBuilder.DropColumn(
                name: "medc_days",
                table: "fee_details");
        }
    }
}
