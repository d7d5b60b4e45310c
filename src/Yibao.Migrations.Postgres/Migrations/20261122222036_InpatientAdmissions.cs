using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yibao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InpatientAdmissions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "adm_bed",
                table: "medical_encounters",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "adm_dept_codg",
                table: "medical_encounters",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dscg_maindiag_code",
                table: "medical_encounters",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dscg_way",
                table: "medical_encounters",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "endtime",
                table: "medical_encounters",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ipt_otp_no",
                table: "medical_encounters",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "adm_bed",
                table: "medical_encounters");

            migrationBuilder.DropColumn(
                name: "adm_dept_codg",
                table: "medical_encounters");

            migrationBuilder.DropColumn(
                name: "dscg_maindiag_code",
                table: "medical_encounters");

            migrationBuilder.DropColumn(
                name: "dscg_way",
                table: "medical_encounters");

            migrationBuilder.DropColumn(
                name: "endtime",
                table: "medical_encounters");

            migrationBuilder.DropColumn(
                name: "ipt_otp_no",
                table: "medical_encounters");
        }
    }
}
