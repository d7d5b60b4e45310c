using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yibao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CatalogsAndPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catalog_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    number = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    full_replace = table.Column<bool>(type: "boolean", nullable: false),
                    added = table.Column<int>(type: "integer", nullable: false),
                    changed = table.Column<int>(type: "integer", nullable: false),
                    removed = table.Column<int>(type: "integer", nullable: false),
                    unchanged = table.Column<int>(type: "integer", nullable: false),
                    imported_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    imported_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "diagnoses",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    diag_code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    diag_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_diagnoses", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "policy_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    insuplc_admdvs = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    begndate = table.Column<DateOnly>(type: "date", nullable: false),
                    enddate = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    json = table.Column<string>(type: "text", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    cloned_from_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_policy_versions_policy_versions_cloned_from_id",
                        column: x => x.cloned_from_id,
                        principalTable: "policy_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "procedures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    oprn_oprt_code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    oprn_oprt_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_procedures", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_item_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    version_id = table.Column<long>(type: "bigint", nullable: false),
                    hilist_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    change_type = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_item_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_catalog_item_changes_catalog_versions_version_id",
                        column: x => x.version_id,
                        principalTable: "catalog_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "catalog_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    hilist_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    hilist_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    list_type = table.Column<int>(type: "integer", nullable: false),
                    prcunt = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    chrgitm_lv = table.Column<int>(type: "integer", nullable: false),
                    hilist_pric_uplmt_amt = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    lmt_gend = table.Column<int>(type: "integer", nullable: true),
                    lmt_age_min = table.Column<int>(type: "integer", nullable: true),
                    lmt_age_max = table.Column<int>(type: "integer", nullable: true),
                    lmt_hosp_lv = table.Column<int>(type: "integer", nullable: true),
                    lmt_med_type = table.Column<int>(type: "integer", nullable: false),
                    lmt_dise = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    max_qty_day = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    max_qty_stay = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    removed = table.Column<bool>(type: "boolean", nullable: false),
                    version_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_catalog_items_catalog_versions_version_id",
                        column: x => x.version_id,
                        principalTable: "catalog_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "catalog_selfpay_ratios",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    catalog_entry_id = table.Column<long>(type: "bigint", nullable: false),
                    selfpay_prop_admdvs = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    begndate = table.Column<DateOnly>(type: "date", nullable: false),
                    enddate = table.Column<DateOnly>(type: "date", nullable: false),
                    selfpay_prop = table.Column<decimal>(type: "numeric(6,4)", precision: 6, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_selfpay_ratios", x => x.id);
                    table.ForeignKey(
                        name: "fk_catalog_selfpay_ratios_catalog_items_catalog_entry_id",
                        column: x => x.catalog_entry_id,
                        principalTable: "catalog_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_item_changes_hilist_code_version_id",
                table: "catalog_item_changes",
                columns: new[] { "hilist_code", "version_id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_item_changes_version_id",
                table: "catalog_item_changes",
                column: "version_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_items_hilist_code",
                table: "catalog_items",
                column: "hilist_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_items_hilist_name",
                table: "catalog_items",
                column: "hilist_name");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_items_list_type_chrgitm_lv",
                table: "catalog_items",
                columns: new[] { "list_type", "chrgitm_lv" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_items_version_id",
                table: "catalog_items",
                column: "version_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_selfpay_ratios_catalog_entry_id_selfpay_prop_admdvs~",
                table: "catalog_selfpay_ratios",
                columns: new[] { "catalog_entry_id", "selfpay_prop_admdvs", "begndate" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_versions_number",
                table: "catalog_versions",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_diagnoses_diag_code",
                table: "diagnoses",
                column: "diag_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_policy_versions_cloned_from_id",
                table: "policy_versions",
                column: "cloned_from_id");

            migrationBuilder.CreateIndex(
                name: "ix_policy_versions_insuplc_admdvs_status_begndate",
                table: "policy_versions",
                columns: new[] { "insuplc_admdvs", "status", "begndate" });

            migrationBuilder.CreateIndex(
                name: "ix_procedures_oprn_oprt_code",
                table: "procedures",
                column: "oprn_oprt_code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalog_item_changes");

            migrationBuilder.DropTable(
                name: "catalog_selfpay_ratios");

            migrationBuilder.DropTable(
                name: "diagnoses");

            migrationBuilder.DropTable(
                name: "policy_versions");

            migrationBuilder.DropTable(
                name: "procedures");

            migrationBuilder.DropTable(
                name: "catalog_items");

            migrationBuilder.DropTable(
                name: "catalog_versions");
        }
    }
}
