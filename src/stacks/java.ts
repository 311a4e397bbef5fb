import type { Answers } from '../answers/options.js';
import { COMMON_EXTENSIONS, COMMON_SETTINGS } from './common.js';
import { fromTemplate } from '../concerns/from-template.js';
import type { PlannedFile } from '../plan.js';
import { versionOf } from '../versions.js';
import type { Stack } from './stack.js';
import { snykManifest } from './snyk.js';

const JAVA = versionOf('java:ci').version;
// JUnit is the one test dependency: Java has no test runner in the JDK, and Maven and Gradle fetch
// their own plugins from Maven Central anyway.
const JUNIT = '5.11.4';
// JaCoCo measures the tests' coverage: its Maven plugin, and the agent and Ant tasks Gradle's jacoco
// plugin runs, declared as dependencies so Dependabot sees the version.
const JACOCO = '0.8.15';

const SOURCES = ['src/main/java/app/Routes.java.ejs', 'src/main/java/app/HttpFront.java.ejs', 'src/main/java/app/Server.java.ejs', 'src/test/java/app/RoutesTest.java.ejs', 'src/test/java/app/RoutesPropertyTest.java.ejs'];

const pom = (answers: Answers): string => `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.github.${answers.owner.toLowerCase()}</groupId>
  <artifactId>${answers.name}</artifactId>
  <version>0.1.0</version>
  <packaging>jar</packaging>

  <properties>
    <maven.compiler.release>${JAVA}</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>

  <dependencies>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <version>${JUNIT}</version>
      <scope>test</scope>
    </dependency>
  </dependencies>

  <build>
    <finalName>service</finalName>
    <plugins>
      <plugin>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.13.0</version>
        <configuration>
          <compilerArgs>
            <arg>-Xlint:all</arg>
            <arg>-Werror</arg>
          </compilerArgs>
        </configuration>
      </plugin>
      <plugin>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>3.5.2</version>
      </plugin>
      <!-- Coverage of \`mvn test\`: target/site/jacoco/ (HTML, XML, CSV). -->
      <plugin>
        <groupId>org.jacoco</groupId>
        <artifactId>jacoco-maven-plugin</artifactId>
        <version>${JACOCO}</version>
        <executions>
          <execution>
            <id>agent</id>
            <goals>
              <goal>prepare-agent</goal>
            </goals>
          </execution>
          <execution>
            <id>report</id>
            <phase>test</phase>
            <goals>
              <goal>report</goal>
            </goals>
          </execution>
        </executions>
      </plugin>
      <plugin>
        <artifactId>maven-jar-plugin</artifactId>
        <version>3.4.2</version>
        <configuration>
          <archive>
            <manifest>
              <mainClass>app.Server</mainClass>
            </manifest>
          </archive>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
`;

const gradleBuild = `plugins {
    application
    jacoco
}

group = "app"
version = "0.1.0"

repositories {
    mavenCentral()
}

dependencies {
    testImplementation(platform("org.junit:junit-bom:${JUNIT}"))
    testImplementation("org.junit.jupiter:junit-jupiter")
    testRuntimeOnly("org.junit.platform:junit-platform-launcher")
    jacocoAgent("org.jacoco:org.jacoco.agent:${JACOCO}")
    jacocoAnt("org.jacoco:org.jacoco.ant:${JACOCO}")
}

java {
    toolchain {
        languageVersion = JavaLanguageVersion.of(${JAVA})
    }
}

// gradle.lockfile pins every resolved version: refresh it with \`gradle dependencies --write-locks\`.
dependencyLocking {
    lockAllConfigurations()
}

application {
    mainClass = "app.Server"
}

tasks.withType<JavaCompile> {
    options.compilerArgs.addAll(listOf("-Xlint:all", "-Werror"))
}

tasks.jar {
    archiveFileName = "service.jar"
    manifest {
        attributes["Main-Class"] = "app.Server"
    }
}

// Coverage of \`gradle test\`: build/reports/jacoco/test/ (HTML and XML).
tasks.test {
    useJUnitPlatform()
    finalizedBy(tasks.jacocoTestReport)
}

tasks.jacocoTestReport {
    reports {
        xml.required = true
    }
}
`;

/** Maven and Gradle share the code, the dev container and the scans; they differ in their build files and commands. */
interface BuildTool {
  id: 'maven' | 'gradle';
  label: string;
  files: (answers: Answers) => PlannedFile[];
  commands: Stack['ci']['commands'];
  feature: Record<string, string>;
  extension: string;
  gitignore: string[];
  start: string;
  docker: { build: 'docker:maven' | 'docker:gradle'; manifests: string; package: string; jar: string };
}

const MAVEN: BuildTool = {
  id: 'maven',
  label: 'Maven',
  files: (answers) => [{ path: 'pom.xml', text: pom(answers) }],
  commands: {
    // Maven has no lockfile: versions are pinned in pom.xml (no ranges), and this resolves them all up front.
    install: 'mvn -B -ntp dependency:go-offline',
    lint: 'mvn -B -ntp compile',
    test: 'mvn -B -ntp test',
    build: 'mvn -B -ntp package -DskipTests',
  },
  feature: { version: 'none', installMaven: 'true' },
  extension: 'vscjava.vscode-maven',
  gitignore: ['target/'],
  start: 'mvn -q package -DskipTests && java -jar target/service.jar',
  docker: { build: 'docker:maven', manifests: 'pom.xml', package: 'mvn -B -ntp package -DskipTests', jar: 'target/service.jar' },
};

const GRADLE: BuildTool = {
  id: 'gradle',
  label: 'Gradle',
  files: (answers) => [
    { path: 'settings.gradle.kts', text: `rootProject.name = ${JSON.stringify(answers.name)}\n` },
    { path: 'build.gradle.kts', text: gradleBuild },
  ],
  commands: {
    // Resolution is checked against gradle.lockfile once it exists (`gradle dependencies --write-locks`
    // in the dev container writes it: commit it).
    install: 'gradle --no-daemon dependencies',
    lint: 'gradle --no-daemon compileJava compileTestJava',
    test: 'gradle --no-daemon test',
    build: 'gradle --no-daemon assemble',
  },
  feature: { version: 'none', installGradle: 'true' },
  extension: 'vscjava.vscode-gradle',
  gitignore: ['build/', '.gradle/'],
  start: 'gradle run',
  docker: { build: 'docker:gradle', manifests: 'settings.gradle.kts build.gradle.kts', package: 'gradle --no-daemon assemble', jar: 'build/libs/service.jar' },
};

function javaStack<const Id extends string>(id: Id, tool: BuildTool) {
  return {
    id,
    label: `Java ${JAVA} (${tool.label})`,
    devcontainer: {
      image: 'image:java',
      remoteUser: 'vscode',
      // The image has the JDK; the java feature adds the build tool only.
      features: { 'feature:github-cli': {}, 'feature:java': tool.feature },
      extensions: [
        'vscjava.vscode-java-pack',
        tool.extension,
        ...COMMON_EXTENSIONS,
      ],
      settings: { 'java.configuration.updateBuildConfiguration': 'automatic', ...COMMON_SETTINGS },
      updateContentCommand: tool.id === 'gradle' ? 'gradle --no-daemon dependencies --write-locks' : tool.commands.install,
      postCreateCommand: tool.commands.lint,
      openFiles: ['README.md', 'src/main/java/app/Routes.java'],
    },
    // Another stack's image has no JDK: the feature installs it with the build tool.
    toolchain: { 'feature:java': { ...tool.feature, version: JAVA } },
    gitignore: [...tool.gitignore, '*.class', '.idea/', '*.iml'],
    start: tool.start,
    port: 8080,
    ci: {
      commands: tool.commands,
      runtime: { label: `Java/${tool.label}`, versions: [JAVA], setup: 'actions/setup-java', versionInput: 'java-version', with: { distribution: 'temurin', cache: tool.id } },
      // CodeQL extracts Java without building it (build-mode none); autobuild would need Maven Central too.
      codeql: [{ language: 'java-kotlin', buildMode: 'none' }],
      snyk: snykManifest(tool.id === 'maven' ? 'pom.xml' : 'build.gradle.kts'),
      dependabot: [{ ecosystem: tool.id, directory: '/' }],
    },
    starter: (answers: Answers): PlannedFile[] => [...tool.files(answers), ...SOURCES.map((source) => fromTemplate('java', source))],
    malformedRequestTest: 'src/test/java/app/RoutesPropertyTest.java',
    container: {
      template: 'java/Dockerfile.ejs',
      images: { build: tool.docker.build, runtime: 'docker:temurin-jre' },
      data: { tool: tool.label, manifests: tool.docker.manifests, package: tool.docker.package, jar: tool.docker.jar },
    },
  } as const satisfies Stack;
}

export const javaMaven = javaStack('java-maven', MAVEN);
export const javaGradle = javaStack('java-gradle', GRADLE);
