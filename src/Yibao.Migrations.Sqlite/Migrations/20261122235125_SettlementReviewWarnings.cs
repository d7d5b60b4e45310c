using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SettlementReviewWarnings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "review_warnings_json",
                table: "settlements",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "review_warnings_json",
                table: "settlements");
        }
    }
}
