using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PersonCoverageVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "coverage_version",
                table: "persons",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "coverage_version",
                table: "persons");
        }
    }
}
