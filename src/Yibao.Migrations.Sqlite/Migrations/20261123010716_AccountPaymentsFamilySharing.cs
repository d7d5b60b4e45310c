using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AccountPaymentsFamilySharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "bank_account_name",
                table: "personal_account_entries",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bank_account_no",
                table: "personal_account_entries",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bank_name",
                table: "personal_account_entries",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "family_sharing_bindings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    owner_person_id = table.Column<long>(type: "INTEGER", nullable: false),
                    member_person_id = table.Column<long>(type: "INTEGER", nullable: false),
                    relation = table.Column<int>(type: "INTEGER", nullable: false),
                    same_household = table.Column<bool>(type: "INTEGER", nullable: false),
                    proof_reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    begin_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    end_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    end_reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_family_sharing_bindings", x => x.id);
                    table.ForeignKey(
                        name: "fk_family_sharing_bindings_persons_member_person_id",
                        column: x => x.member_person_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_family_sharing_bindings_persons_owner_person_id",
                        column: x => x.owner_person_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_family_sharing_bindings_member_person_id",
                table: "family_sharing_bindings",
                column: "member_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_family_sharing_bindings_owner_person_id",
                table: "family_sharing_bindings",
                column: "owner_person_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "family_sharing_bindings");

            migrationBuilder.DropColumn(
                name: "bank_account_name",
                table: "personal_account_entries");

            migrationBuilder.DropColumn(
                name: "bank_account_no",
                table: "personal_account_entries");

            migrationBuilder.DropColumn(
                name: "bank_name",
                table: "personal_account_entries");
        }
    }
}
