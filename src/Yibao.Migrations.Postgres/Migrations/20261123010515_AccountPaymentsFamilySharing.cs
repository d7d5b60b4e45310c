using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yibao.Migrations.Postgres.Migrations
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
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bank_account_no",
                table: "personal_account_entries",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bank_name",
                table: "personal_account_entries",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "family_sharing_bindings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    owner_person_id = table.Column<long>(type: "bigint", nullable: false),
                    member_person_id = table.Column<long>(type: "bigint", nullable: false),
                    relation = table.Column<int>(type: "integer", nullable: false),
                    same_household = table.Column<bool>(type: "boolean", nullable: false),
                    proof_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    begin_date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
